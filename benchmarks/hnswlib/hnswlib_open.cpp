// Open-time reference for docs/benchmarks.md (Storage): hnswlib's loadIndex reads the whole index file
// into memory, so its open time grows with the index. Builds an index of N random 128-d vectors
// (M=16, efConstruction=100, 2 threads), saves it, then times loadIndex and the first query after it,
// ROUNDS times, printing medians.   g++ -O3 -march=native -std=c++17 -pthread hnswlib_open.cpp
//   ./a.out N ROUNDS /tmp/dir
#include <hnswlib/hnswlib.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <thread>
#include <atomic>
#include <vector>

int main(int argc, char** argv) {
    const int n = argc > 1 ? std::stoi(argv[1]) : 20000;
    const int rounds = argc > 2 ? std::stoi(argv[2]) : 5;
    const std::string dir = argc > 3 ? argv[3] : "/tmp";
    const int d = 128;
    std::mt19937 rng(2);
    std::uniform_real_distribution<float> uniform(0.f, 1.f);
    std::vector<float> data(static_cast<size_t>(n) * d);
    for (auto& x : data) x = uniform(rng);
    std::vector<float> query(d);
    for (auto& x : query) x = uniform(rng);

    hnswlib::L2Space space(d);
    const std::string path = dir + "/hnswlib-" + std::to_string(n) + ".bin";
    {
        hnswlib::HierarchicalNSW<float> index(&space, n, 16, 100, 100);
        std::atomic<int> next{0};
        auto worker = [&]() { int i; while ((i = next.fetch_add(1)) < n) index.addPoint(data.data() + static_cast<size_t>(i) * d, i); };
        std::thread a(worker), b(worker);
        a.join(); b.join();
        index.saveIndex(path);
    }

    std::vector<double> open_ms, first_ms;
    for (int r = 0; r < rounds; ++r) {
        auto t0 = std::chrono::steady_clock::now();
        auto* index = new hnswlib::HierarchicalNSW<float>(&space, path);
        auto t1 = std::chrono::steady_clock::now();
        index->setEf(64);
        auto result = index->searchKnn(query.data(), 10);
        auto t2 = std::chrono::steady_clock::now();
        (void)result;
        open_ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
        first_ms.push_back(std::chrono::duration<double, std::milli>(t2 - t1).count());
        delete index;
    }
    std::sort(open_ms.begin(), open_ms.end());
    std::sort(first_ms.begin(), first_ms.end());
    std::printf("hnswlib n=%d d=%d loadIndex_ms_median=%.3f first_query_ms_median=%.3f file=%s\n", n, d, open_ms[rounds / 2], first_ms[rounds / 2], path.c_str());
    return 0;
}
