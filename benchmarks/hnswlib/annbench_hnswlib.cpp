// AnnBench's twin for hnswlib: the same command line and output lines as
// benchmarks/MultiModal.Matching.AnnBench (DESIGN.md section 7), built against Debian's
// libhnswlib-dev headers (not vendored). Build: g++ -O3 -march=native -std=c++17 -pthread.
#include <hnswlib/hnswlib.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <time.h>
#include <unordered_set>
#include <vector>

namespace {

template <typename T>
std::vector<T> read_vecs(const std::string& path, int& rows, int& dim) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) throw std::runtime_error(path + ": cannot open");
    const long long length = in.tellg();
    in.seekg(0);
    int32_t d = 0;
    if (length < 4 || !in.read(reinterpret_cast<char*>(&d), 4)) throw std::runtime_error(path + ": too short");
    if (d < 1 || d > (1 << 16)) throw std::runtime_error(path + ": bad dimension");
    const long long row_bytes = 4 + 4LL * d;
    if (length % row_bytes != 0) throw std::runtime_error(path + ": truncated");
    rows = static_cast<int>(length / row_bytes);
    dim = d;
    std::vector<T> values(static_cast<size_t>(rows) * d);
    in.seekg(0);
    for (int r = 0; r < rows; ++r) {
        int32_t rd = 0;
        in.read(reinterpret_cast<char*>(&rd), 4);
        if (rd != d) throw std::runtime_error(path + ": inconsistent dimension");
        in.read(reinterpret_cast<char*>(values.data() + static_cast<size_t>(r) * d), 4LL * d);
    }
    return values;
}

void normalise(float* v, int d) {
    double s = 0;
    for (int i = 0; i < d; ++i) s += static_cast<double>(v[i]) * v[i];
    if (s > 0) {
        const float inv = static_cast<float>(1.0 / std::sqrt(s));
        for (int i = 0; i < d; ++i) v[i] *= inv;
    }
}

double cpu_seconds(clockid_t clock) {
    timespec t{};
    clock_gettime(clock, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

}  // namespace

int main(int argc, char** argv) {
    std::string base, query, gt, metric = "l2";
    int m = 16, efc = 200, threads = 1, k = 10;
    double min_seconds = 1.0;
    bool cpu_clock = false;
    std::vector<int> efs = {10, 16, 24, 32, 48, 64, 96, 128, 256};
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) { std::fprintf(stderr, "%s needs a value\n", a.c_str()); std::exit(2); }
            return argv[++i];
        };
        if (a == "--base") base = value();
        else if (a == "--query") query = value();
        else if (a == "--gt") gt = value();
        else if (a == "--metric") metric = value();
        else if (a == "--m") m = std::stoi(value());
        else if (a == "--ef-construction") efc = std::stoi(value());
        else if (a == "--threads") threads = std::stoi(value());
        else if (a == "--k") k = std::stoi(value());
        else if (a == "--min-seconds") min_seconds = std::stod(value());
        else if (a == "--clock") cpu_clock = value() == "cpu";
        else if (a == "--quantization" || a == "--rerank-oversampling") { value(); std::fprintf(stderr, "annbench_hnswlib: %s ignored\n", a.c_str()); }
        else if (a == "--ef") {
            efs.clear();
            std::stringstream ss(value());
            std::string item;
            while (std::getline(ss, item, ',')) efs.push_back(std::stoi(item));
        } else if (a == "--save" || a == "--open") {
            std::fprintf(stderr, "annbench_hnswlib: %s not supported\n", a.c_str());
            return 3;
        } else { std::fprintf(stderr, "unknown option %s\n", a.c_str()); return 2; }
    }
    if (base.empty() || query.empty() || gt.empty()) { std::fprintf(stderr, "--base, --query and --gt are required\n"); return 2; }

    int n, d, nq, dq, ngt, gtk;
    std::vector<float> data = read_vecs<float>(base, n, d);
    std::vector<float> queries = read_vecs<float>(query, nq, dq);
    std::vector<int> truth = read_vecs<int>(gt, ngt, gtk);
    if (dq != d || ngt != nq || gtk < k) { std::fprintf(stderr, "inconsistent files\n"); return 2; }

    std::unique_ptr<hnswlib::SpaceInterface<float>> space;
    if (metric == "l2") space = std::make_unique<hnswlib::L2Space>(d);
    else if (metric == "cosine" || metric == "dot" || metric == "ip") space = std::make_unique<hnswlib::InnerProductSpace>(d);
    else { std::fprintf(stderr, "bad metric\n"); return 2; }
    if (metric == "cosine") {
        for (int i = 0; i < n; ++i) normalise(data.data() + static_cast<size_t>(i) * d, d);
        for (int i = 0; i < nq; ++i) normalise(queries.data() + static_cast<size_t>(i) * d, d);
    }

    hnswlib::HierarchicalNSW<float> index(space.get(), n, m, efc, 100);
    auto t0 = std::chrono::steady_clock::now();
    const double cpu0 = cpu_seconds(CLOCK_PROCESS_CPUTIME_ID);
    std::atomic<int> next{0};
    auto worker = [&]() {
        int i;
        while ((i = next.fetch_add(1)) < n) index.addPoint(data.data() + static_cast<size_t>(i) * d, static_cast<hnswlib::labeltype>(i));
    };
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(worker);
    for (auto& t : pool) t.join();
    const double build = cpu_clock ? (cpu_seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu0) / threads
                                   : std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("build n=%d d=%d M=%d efC=%d threads=%d seconds=%.3f inserts_per_s=%.0f\n", n, d, m, efc, threads, build, n / build);
    std::fflush(stdout);

    auto run = [&](bool once) {
        long long done = 0;
        auto start = std::chrono::steady_clock::now();
        const double cpu_start = cpu_seconds(CLOCK_THREAD_CPUTIME_ID);
        double elapsed = 0;
        do {
            for (int q = 0; q < nq; ++q) {
                auto result = index.searchKnn(queries.data() + static_cast<size_t>(q) * d, k);
                (void)result;
            }
            done += nq;
            elapsed = cpu_clock ? cpu_seconds(CLOCK_THREAD_CPUTIME_ID) - cpu_start
                                : std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        } while (!once && elapsed < min_seconds);
        return std::make_pair(done, elapsed);
    };

    index.setEf(efs.front());
    run(true);
    for (int ef : efs) {
        index.setEf(ef);
        long long hits = 0;
        for (int q = 0; q < nq; ++q) {
            auto result = index.searchKnn(queries.data() + static_cast<size_t>(q) * d, k);
            std::unordered_set<int> expected(truth.begin() + static_cast<size_t>(q) * gtk, truth.begin() + static_cast<size_t>(q) * gtk + k);
            while (!result.empty()) {
                if (expected.count(static_cast<int>(result.top().second))) ++hits;
                result.pop();
            }
        }
        auto [done, seconds] = run(false);
        std::printf("ef=%d recall@%d=%.4f qps_1thread=%.0f\n", ef, k, static_cast<double>(hits) / (static_cast<double>(nq) * k), done / seconds);
        std::fflush(stdout);
    }
    return 0;
}
