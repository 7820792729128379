// The entry point every fuzz target defines, as libFuzzer calls it. The corpus
// replay (corpus_replay.cpp) calls the same function, so a target's corpus is a
// regression test in the ordinary gcc build, without libFuzzer.
#pragma once

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
