// Internal to src/io: collects the messages a VTK object reports through ErrorEvent / WarningEvent so
// that they become IoError text instead of lines on stderr.
#pragma once

#include <vtkCommand.h>
#include <vtkObject.h>
#include <vtkSmartPointer.h>

#include <string>

namespace afsim::io::detail {

class VtkErrorCapture : public vtkCommand {
 public:
  static VtkErrorCapture* New() { return new VtkErrorCapture; }

  // Observes `object`'s errors and warnings for as long as the object lives.
  static vtkSmartPointer<VtkErrorCapture> attach(vtkObject* object) {
    auto capture = vtkSmartPointer<VtkErrorCapture>::New();
    object->AddObserver(vtkCommand::ErrorEvent, capture);
    object->AddObserver(vtkCommand::WarningEvent, capture);
    return capture;
  }

  void Execute(vtkObject*, unsigned long event, void* call_data) override {
    const char* text = static_cast<const char*>(call_data);
    std::string line = text ? text : "(no message)";
    while (!line.empty() && (line.back() == '\n' || line.back() == ' ')) line.pop_back();
    if (event == vtkCommand::ErrorEvent) {
      if (!errors_.empty()) errors_ += "; ";
      errors_ += line;
    }
  }

  bool has_errors() const { return !errors_.empty(); }
  const std::string& errors() const { return errors_; }

 private:
  std::string errors_;
};

}  // namespace afsim::io::detail
