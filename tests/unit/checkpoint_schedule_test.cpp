// Checkpoint cadence of output.checkpoint (issue 4): frames, simulated time, capacity, wall clock.
#include "simulation/checkpoint_schedule.hpp"

#include <gtest/gtest.h>

namespace afsim {
namespace {

TEST(CheckpointSchedule, WithoutSettingsACheckpointFollowsEveryFrameOnly) {
  const CheckpointSchedule s(config::OutputConfig{});
  DriverState d;
  s.arm(d);
  EXPECT_TRUE(s.due(d, true, 0.0));
  EXPECT_FALSE(s.due(d, false, 1e9));
}

TEST(CheckpointSchedule, EverySimulatedTimeIsDueWhenTheMarkIsPassedAndNotOnFrames) {
  config::OutputConfig o;
  o.checkpoint_every_time = 10.0;
  const CheckpointSchedule s(o);
  DriverState d;
  s.arm(d);  // first mark at t = 10 s
  d.time = 4;
  EXPECT_FALSE(s.due(d, true, 0.0));  // a frame alone does not trigger it any more
  d.time = 10;
  EXPECT_TRUE(s.due(d, false, 0.0));
  EXPECT_DOUBLE_EQ(d.next_checkpoint_time, 20.0);
  d.time = 35;  // a long step passes two marks: one checkpoint, next mark after t
  EXPECT_TRUE(s.due(d, false, 0.0));
  EXPECT_DOUBLE_EQ(d.next_checkpoint_time, 40.0);
}

TEST(CheckpointSchedule, EveryCapacityCountsTheChargePassedInBothDirections) {
  config::OutputConfig o;
  o.checkpoint_every_capacity = 36.0;  // C/m^2 (0.001 mAh/cm2)
  const CheckpointSchedule s(o);
  DriverState d;
  s.arm(d);
  d.charge = 30;  // plated 30 C/m^2
  d.throughput = 30;
  EXPECT_FALSE(s.due(d, false, 0.0));
  d.charge = 24;  // then stripped 6 back: 36 C/m^2 have passed although the net charge fell
  d.throughput = 36;
  EXPECT_TRUE(s.due(d, false, 0.0));
  EXPECT_DOUBLE_EQ(d.next_checkpoint_charge, 72.0);
}

TEST(CheckpointSchedule, WallClockIsDueAfterTheGivenWallTime) {
  config::OutputConfig o;
  o.checkpoint_wall = 600.0;
  const CheckpointSchedule s(o);
  DriverState d;
  EXPECT_FALSE(s.due(d, true, 599.0));
  EXPECT_TRUE(s.due(d, false, 600.0));
}

TEST(CheckpointSchedule, ARestartKeepsMarksThatAreStillAhead) {
  config::OutputConfig o;
  o.checkpoint_every_time = 10.0;
  const CheckpointSchedule s(o);
  DriverState d;
  d.time = 12;
  d.next_checkpoint_time = 20;  // restored from the checkpoint
  s.arm(d);
  EXPECT_DOUBLE_EQ(d.next_checkpoint_time, 20.0);
  d.next_checkpoint_time = 0;  // an older checkpoint without marks: re-armed from t
  s.arm(d);
  EXPECT_DOUBLE_EQ(d.next_checkpoint_time, 22.0);
}

}  // namespace
}  // namespace afsim
