#include <cstdio>
int main() { std::puts("afsim"); return 0; }
