using System.Runtime.Intrinsics.X86;
using MultiModal.Matching.Fusion;
using MultiModal.Matching.Fusion.Scoring;

namespace MultiModal.Matching.Tests.Fusion.Engine;

/// <summary>The eight-wide AVX2 fuse against the scalar fuse, and the scalar fuse against the formula written out.</summary>
public sealed class CandidateScoringFuseTests
{
    private static readonly byte[] States =
        [CellState.Retrieved, CellState.Recomputed, CellState.Filled, CellState.Skipped, CellState.Inactive];

    [TestCase(1, 5)]
    [TestCase(3, 172)]
    [TestCase(4, 203)]
    [TestCase(6, 64)]
    public void FuseAvx2_EqualsFuseScalar_ForEveryCombiner(int slots, int candidates)
    {
        Assume.That(Avx2.IsSupported, "AVX2 is not available on this machine.");
        foreach (byte hitLimit in new[] { CellState.Retrieved, CellState.Recomputed })
        {
            Compare<WeightedSumCombiner>(slots, candidates, hitLimit);
            Compare<CombMnzCombiner>(slots, candidates, hitLimit);
            Compare<MaxCombiner>(slots, candidates, hitLimit);
            Compare<RrfCombiner>(slots, candidates, hitLimit);
        }
    }

    [Test]
    public void FuseScalar_WeightedSumAndMnzAndMax_FollowTheFormula()
    {
        // One candidate, three slots: retrieved (w 2, term 0.5), filled (w 1, term 0.25), skipped (w 4, term 9).
        var ws = Workspace(3, 1, [2f, 1f, 4f]);
        SetCell(ws, 0, 0, CellState.Retrieved, 0.5f);
        SetCell(ws, 1, 0, CellState.Filled, 0.25f);
        SetCell(ws, 2, 0, CellState.Skipped, 9f);

        CandidateScoring.FuseScalar<WeightedSumCombiner>(ws, CellState.Retrieved, 0);
        Assert.That(ws.Fused[0], Is.EqualTo(((2f * 0.5f) + (1f * 0.25f)) / 3f).Within(1e-6));

        CandidateScoring.FuseScalar<CombMnzCombiner>(ws, CellState.Retrieved, 0);
        Assert.That(ws.Fused[0], Is.EqualTo(1 * ((2f * 0.5f) + (1f * 0.25f)) / 3f).Within(1e-6), "one hit: the filled cell is not a hit");

        CandidateScoring.FuseScalar<MaxCombiner>(ws, CellState.Retrieved, 0);
        Assert.That(ws.Fused[0], Is.EqualTo(Math.Max(2f * 0.5f, 1f * 0.25f) / 2f).Within(1e-6), "max over the taking-part cells, scaled by 1/max w");

        SetCell(ws, 0, 0, CellState.Skipped, 0.5f);
        SetCell(ws, 1, 0, CellState.Inactive, 0.25f);
        CandidateScoring.FuseScalar<WeightedSumCombiner>(ws, CellState.Retrieved, 0);
        Assert.That(float.IsNegativeInfinity(ws.Fused[0]), Is.True, "no cell takes part: the candidate cannot be ranked");
    }

    private static void Compare<TCombiner>(int slots, int candidates, byte hitLimit)
        where TCombiner : struct, IScoreCombiner
    {
        var random = new Random((slots * 1000) + candidates + hitLimit);
        var weights = Enumerable.Range(0, slots).Select(m => m == 0 ? 0f : (float)random.NextDouble() * 3).ToArray();
        var ws = Workspace(slots, candidates, weights);
        for (int m = 0; m < slots; m++)
        {
            for (int c = 0; c < candidates; c++)
            {
                float term = random.Next(10) == 0 ? 0f : (float)((random.NextDouble() * 4) - 1);
                SetCell(ws, m, c, States[random.Next(States.Length)], term);
            }
        }

        CandidateScoring.FuseScalar<TCombiner>(ws, hitLimit, 0);
        var scalarFused = ws.Fused.AsSpan(0, candidates).ToArray();
        var scalarScale = ws.Scale.AsSpan(0, candidates).ToArray();
        ws.Fused.AsSpan().Fill(float.NaN);
        int vectorised = CandidateScoring.FuseAvx2<TCombiner>(ws, hitLimit);
        CandidateScoring.FuseScalar<TCombiner>(ws, hitLimit, vectorised);

        Assert.That(vectorised, Is.EqualTo(candidates / 8 * 8));
        for (int c = 0; c < candidates; c++)
        {
            Assert.That(ws.Fused[c], Is.EqualTo(scalarFused[c]), $"{typeof(TCombiner).Name}, candidate {c}: fused score");
            Assert.That(ws.Scale[c], Is.EqualTo(scalarScale[c]), $"{typeof(TCombiner).Name}, candidate {c}: scale");
            if (float.IsFinite(scalarFused[c]) && scalarFused[c] != 0)
            {
                Assert.That(BitConverter.SingleToInt32Bits(ws.Fused[c]), Is.EqualTo(BitConverter.SingleToInt32Bits(scalarFused[c])), $"candidate {c}: bits");
            }
        }
    }

    private static FusionWorkspace Workspace(int slots, int candidates, float[] weights)
    {
        var ws = new FusionWorkspace();
        ws.EnsureSlots(slots);
        weights.CopyTo(ws.Weight, 0);

        // A larger stride than the candidate count, as after an earlier, bigger search.
        ws.EnsureCandidates(candidates + 37);
        ws.CandidateCount = candidates;
        return ws;
    }

    private static void SetCell(FusionWorkspace ws, int slot, int candidate, byte state, float term)
    {
        int cell = ws.Cell(slot, candidate);
        ws.CellState[cell] = state;
        ws.CellTerm[cell] = term;
    }
}
