namespace MultiModal.Matching.Benchmarks.Interleaved;

/// <summary>
/// What <see cref="InterleavedSampler"/> measured: for every round, every case's mean time per call over one batch,
/// and every case's allocations over the whole run.
/// </summary>
public sealed class InterleavedSamples
{
    internal InterleavedSamples(IReadOnlyList<InterleavedCase> cases, List<double[]> rounds, long[] allocatedBytes, long[] calls)
    {
        Cases = cases;
        Rounds = rounds;
        AllocatedBytes = allocatedBytes;
        Calls = calls;
    }

    /// <summary>The cases, in the order they ran within each round.</summary>
    public IReadOnlyList<InterleavedCase> Cases { get; }

    /// <summary>Per round, microseconds per call of each case (indexed like <see cref="Cases"/>).</summary>
    public IReadOnlyList<double[]> Rounds { get; }

    /// <summary>Bytes allocated on the sampling thread by each case's timed calls.</summary>
    public IReadOnlyList<long> AllocatedBytes { get; }

    /// <summary>Timed calls of each case.</summary>
    public IReadOnlyList<long> Calls { get; }

    /// <summary>The samples of case <paramref name="index"/>, one per round.</summary>
    public double[] Of(int index) => Rounds.Select(round => round[index]).ToArray();
}
