using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MultiModal.Matching.Fusion.Scoring;

/// <summary>Normalises one retrieved list and takes its combiner terms, entry i having rank i + 1.</summary>
internal static class ListTerms
{
    /// <summary>
    /// Writes <c>norm[i]</c> = the normalised <c>raw[i]</c> and <c>term[i]</c> = its combiner term. Eight entries at a
    /// time where the normaliser and the combiner both have a vector form (identical results to the scalar form, which
    /// finishes the tail and serves the others: the metric maps' arctangent and the calibration's knot search).
    /// </summary>
    public static void Compute<TNormalizer, TCombiner>(ReadOnlySpan<float> raw, Span<float> norm, Span<float> term, in ListStats stats, float rrfK)
        where TNormalizer : struct, IScoreNormalizer
        where TCombiner : struct, IScoreCombiner
    {
        Debug.Assert(norm.Length >= raw.Length && term.Length >= raw.Length);
        int i = 0;
        if (Vector256.IsHardwareAccelerated && TNormalizer.HasVectorForm && TCombiner.HasVectorForm)
        {
            ref float r = ref MemoryMarshal.GetReference(raw);
            ref float n = ref MemoryMarshal.GetReference(norm);
            ref float t = ref MemoryMarshal.GetReference(term);
            var rank = Vector256.Create(1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f);
            var step = Vector256.Create((float)Vector256<float>.Count);
            for (; i + Vector256<float>.Count <= raw.Length; i += Vector256<float>.Count)
            {
                var normalized = TNormalizer.Apply(Vector256.LoadUnsafe(ref r, (nuint)i), rank, in stats);
                normalized.StoreUnsafe(ref n, (nuint)i);
                TCombiner.Term(normalized, rank, stats.Length, rrfK).StoreUnsafe(ref t, (nuint)i);
                rank += step;
            }
        }

        ScalarTail<TNormalizer, TCombiner>(raw, norm, term, in stats, rrfK, i);
    }

    /// <summary>The scalar form from entry <paramref name="start"/> on (tests compare it with the vector form).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void ScalarTail<TNormalizer, TCombiner>(ReadOnlySpan<float> raw, Span<float> norm, Span<float> term, in ListStats stats, float rrfK, int start)
        where TNormalizer : struct, IScoreNormalizer
        where TCombiner : struct, IScoreCombiner
    {
        for (int i = start; i < raw.Length; i++)
        {
            float x = TNormalizer.Apply(raw[i], i + 1, in stats);
            norm[i] = x;
            term[i] = TCombiner.Term(x, i + 1, stats.Length, rrfK);
        }
    }
}
