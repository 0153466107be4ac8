using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MultiModal.Matching.Fusion.Scoring;

namespace MultiModal.Matching.Fusion;

internal static partial class CandidateScoring
{
    /// <summary>
    /// The fused score of every candidate from its cells' terms: Σ scale·w·term (or the max of scale·w·term) over the
    /// cells that take part (state below <see cref="CellState.Skipped"/>), in slot order, with scale = 1/Σw (1/max w for
    /// Max) over those cells, times the hit count for CombMNZ. Whether a cell takes part varies without a pattern, so the
    /// choice is made with selects, never branches; with AVX2 eight candidates are fused at once. Both paths do the same
    /// IEEE operations in the same order per candidate, so their scores are equal (bit for bit, but for the sign of a
    /// zero under Max).
    /// </summary>
    internal static void Fuse<TCombiner>(FusionWorkspace ws, byte hitLimit)
        where TCombiner : struct, IScoreCombiner
    {
        int c = Avx2.IsSupported ? FuseAvx2<TCombiner>(ws, hitLimit) : 0;
        FuseScalar<TCombiner>(ws, hitLimit, c);
    }

    internal static void FuseScalar<TCombiner>(FusionWorkspace ws, byte hitLimit, int start)
        where TCombiner : struct, IScoreCombiner
    {
        int slots = ws.Slots;
        int stride = ws.CellStride;
        var weight = ws.Weight.AsSpan(0, slots);
        var state = ws.CellState;
        var term = ws.CellTerm;
        for (int c = start; c < ws.CandidateCount; c++)
        {
            float wsum = 0, wmax = 0;
            int hits = 0;
            for (int m = 0, cell = c; m < slots; m++, cell += stride)
            {
                byte st = state[cell];
                float w = st < CellState.Skipped ? weight[m] : 0f;
                wsum += w;
                wmax = w > wmax ? w : wmax;
                hits += st <= hitLimit ? 1 : 0;
            }

            float scale = TCombiner.IsMax ? (wmax > 0 ? 1f / wmax : 0f) : (wsum > 0 ? 1f / wsum : 0f);
            float multiplier = TCombiner.CountsHits ? hits : 1f;
            float acc = TCombiner.IsMax ? float.NegativeInfinity : 0f;
            for (int m = 0, cell = c; m < slots; m++, cell += stride)
            {
                bool takesPart = state[cell] < CellState.Skipped;
                float contribution = scale * weight[m] * (takesPart ? term[cell] : 0f) * multiplier;
                acc = TCombiner.IsMax
                    ? (takesPart ? MathF.Max(acc, contribution) : acc)
                    : (takesPart ? acc + contribution : acc);
            }

            ws.Scale[c] = scale;

            // A candidate with no participating modality (possible after a coarse stage) cannot be ranked.
            ws.Fused[c] = wsum <= 0 ? float.NegativeInfinity : float.IsFinite(acc) ? acc : 0f;
        }
    }

    /// <summary>Fuses candidates eight at a time; returns how many it did (a multiple of eight).</summary>
    internal static int FuseAvx2<TCombiner>(FusionWorkspace ws, byte hitLimit)
        where TCombiner : struct, IScoreCombiner
    {
        int slots = ws.Slots;
        int stride = ws.CellStride;
        int count = ws.CandidateCount;
        ref byte state = ref MemoryMarshal.GetArrayDataReference(ws.CellState);
        ref float term = ref MemoryMarshal.GetArrayDataReference(ws.CellTerm);
        ref float scales = ref MemoryMarshal.GetArrayDataReference(ws.Scale);
        ref float fused = ref MemoryMarshal.GetArrayDataReference(ws.Fused);
        var skipped = Vector256.Create((int)CellState.Skipped);
        var hitBound = Vector256.Create((int)hitLimit);
        var one = Vector256.Create(1f);
        int c = 0;
        for (; c + Vector256<float>.Count <= count; c += Vector256<float>.Count)
        {
            var wsum = Vector256<float>.Zero;
            var wmax = Vector256<float>.Zero;
            var hits = Vector256<int>.Zero;
            for (int m = 0, cell = c; m < slots; m++, cell += stride)
            {
                var st = States(ref state, cell);
                var w = Vector256.Create(ws.Weight[m]) & Vector256.LessThan(st, skipped).AsSingle();
                wsum += w;
                wmax = Vector256.ConditionalSelect(Vector256.GreaterThan(w, wmax), w, wmax);
                hits -= Vector256.LessThanOrEqual(st, hitBound);
            }

            var scale = TCombiner.IsMax
                ? Vector256.ConditionalSelect(Vector256.GreaterThan(wmax, Vector256<float>.Zero), one / wmax, Vector256<float>.Zero)
                : Vector256.ConditionalSelect(Vector256.GreaterThan(wsum, Vector256<float>.Zero), one / wsum, Vector256<float>.Zero);
            var multiplier = TCombiner.CountsHits ? Vector256.ConvertToSingle(hits) : one;
            var acc = TCombiner.IsMax ? Vector256.Create(float.NegativeInfinity) : Vector256<float>.Zero;
            for (int m = 0, cell = c; m < slots; m++, cell += stride)
            {
                var takesPart = Vector256.LessThan(States(ref state, cell), skipped).AsSingle();
                var t = Vector256.LoadUnsafe(ref term, (nuint)cell) & takesPart;
                var contribution = scale * Vector256.Create(ws.Weight[m]) * t * multiplier;
                var next = TCombiner.IsMax ? ScalarMax(acc, contribution) : acc + contribution;
                acc = Vector256.ConditionalSelect(takesPart, next, acc);
            }

            scale.StoreUnsafe(ref scales, (nuint)c);

            // acc − acc is 0 exactly when acc is finite (∞ − ∞ and NaN − NaN are NaN).
            var finite = Vector256.Equals(acc - acc, Vector256<float>.Zero);
            var score = Vector256.ConditionalSelect(finite, acc, Vector256<float>.Zero);
            var ranked = Vector256.GreaterThan(wsum, Vector256<float>.Zero);
            Vector256.ConditionalSelect(ranked, score, Vector256.Create(float.NegativeInfinity)).StoreUnsafe(ref fused, (nuint)c);
        }

        return c;
    }

    /// <summary>Eight cell states, zero-extended to 32 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> States(ref byte state, int cell) =>
        Avx2.ConvertToVector256Int32(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref state, cell))).AsByte());

    /// <summary>Lane-wise <see cref="MathF.Max(float, float)"/> (NaN if either lane is NaN), as the scalar path computes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ScalarMax(Vector256<float> x, Vector256<float> y)
    {
        var max = Vector256.ConditionalSelect(Vector256.GreaterThan(y, x), y, x);
        var nan = ~(Vector256.Equals(x, x) & Vector256.Equals(y, y));
        return Vector256.ConditionalSelect(nan, Vector256.Create(float.NaN), max);
    }
}
