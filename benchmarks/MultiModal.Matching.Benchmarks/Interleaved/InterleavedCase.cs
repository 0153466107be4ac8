namespace MultiModal.Matching.Benchmarks.Interleaved;

/// <summary>One case of an interleaved run.</summary>
/// <param name="Name">The case's name in the report.</param>
/// <param name="Call">One invocation; its result is summed so that the optimiser keeps the work.</param>
/// <param name="GoalMicroseconds">A latency goal per call, if the case has one; the report gives the share of rounds that meet it.</param>
public sealed record InterleavedCase(string Name, Func<long> Call, double? GoalMicroseconds = null);
