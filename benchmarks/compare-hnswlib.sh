#!/usr/bin/env bash
# Side-by-side comparison of HnswIndex (AnnBench) and hnswlib (Debian's libhnswlib-dev headers, not
# vendored) on the same data, same M / efConstruction, 2 build threads, 1 search thread.
# The two engines run interleaved, alternating which goes first, ROUNDS times; summarise-annbench.py
# prints medians and the QPS ratio at recall@10 = 0.95.
#   benchmarks/compare-hnswlib.sh            # MNIST t10k (../shared/data) and a generated 100k x 128 set
#   ROUNDS=5 SETS="mnist" EXTRA="--clock cpu" benchmarks/compare-hnswlib.sh   # CPU-time clocks on a loaded machine
#   ANNBENCH_EXTRA="--quantization int8" benchmarks/compare-hnswlib.sh    # two-tier HnswIndex
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DATA:-$( [ -d ../shared/data ] && realpath ../shared/data || echo /work/shared/data )}
OUT=${OUT:-/tmp/mmm-hnswlib}
ROUNDS=${ROUNDS:-3}
SETS=${SETS:-"mnist clustered"}
EFS=${EFS:-10,16,24,32,48,64,96,128,256}
mkdir -p "$OUT"

if [ ! -f /usr/include/hnswlib/hnswlib.h ]; then
  apt-get update && apt-get install -y libhnswlib-dev
fi
g++ -O3 -march=native -std=c++17 -pthread -o "$OUT/annbench_hnswlib" benchmarks/hnswlib/annbench_hnswlib.cpp
dotnet build -c Release benchmarks/MultiModal.Matching.AnnBench -v q -nologo
ANNBENCH=(dotnet benchmarks/MultiModal.Matching.AnnBench/bin/Release/net10.0/MultiModal.Matching.AnnBench.dll)

if [[ " $SETS " == *" clustered "* && ! -f "$OUT/clustered100k/groundtruth.ivecs" ]]; then
  "${ANNBENCH[@]}" --gen "$OUT/clustered100k" --gen-n 100000 --gen-queries 1000 --gen-d 128 --gen-clusters 100
fi

run_set() {
  local name=$1; shift
  local log="$OUT/$name.log"
  : > "$log"
  for round in $(seq "$ROUNDS"); do
    local order=(hnswlib annbench)
    (( round % 2 == 0 )) && order=(annbench hnswlib)
    for engine in "${order[@]}"; do
      echo "== set=$name round=$round engine=$engine load=$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$log"
      if [ "$engine" = hnswlib ]; then
        "$OUT/annbench_hnswlib" "$@" | tee -a "$log"
      else
        "${ANNBENCH[@]}" "$@" ${ANNBENCH_EXTRA:-} | tee -a "$log"
      fi
    done
  done
  python3 benchmarks/hnswlib/summarise-annbench.py "$log"
}

COMMON=(--m 16 --ef-construction 200 --threads 2 --ef "$EFS" --k 10 ${EXTRA:-})
for set in $SETS; do
  case $set in
    mnist)
      D="$DATA/ann_mnist_t10k/derived"
      run_set mnist --base "$D/mnist_t10k_base9000.fvecs" --query "$D/mnist_t10k_query1000.fvecs" \
        --gt "$D/mnist_t10k_groundtruth_l2_k100.ivecs" --metric l2 "${COMMON[@]}" ;;
    clustered)
      D="$OUT/clustered100k"
      run_set clustered --base "$D/base.fvecs" --query "$D/query.fvecs" --gt "$D/groundtruth.ivecs" --metric l2 "${COMMON[@]}" ;;
    glove)
      D="$DATA/glove_6B_50d_first2445/derived"
      run_set glove --base "$D/split_base.fvecs" --query "$D/split_query.fvecs" \
        --gt "$D/split_groundtruth_cosine_k100.ivecs" --metric cosine "${COMMON[@]}" ;;
  esac
done
