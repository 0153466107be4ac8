using MultiModal.Matching.Benchmarks.Interleaved;

namespace MultiModal.Matching.Benchmarks.Tests;

public sealed class InterleavedReportTests
{
    [TestCase(0.0, 1.0)]
    [TestCase(0.5, 2.5)]
    [TestCase(1.0, 4.0)]
    [TestCase(0.1, 1.3)]
    public void Percentile_InterpolatesBetweenOrderStatistics(double fraction, double expected)
    {
        Assert.That(InterleavedReport.Percentile([4.0, 1.0, 3.0, 2.0], fraction), Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void Percentile_BadArguments_Throw()
    {
        Assert.That(() => InterleavedReport.Percentile([], 0.5), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => InterleavedReport.Percentile([1.0], -0.1), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => InterleavedReport.Percentile([1.0], 1.1), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(InterleavedReport.Percentile([7.0], 0.9), Is.EqualTo(7.0));
    }

    [Test]
    public void ToMarkdown_ClassifiesRoundsByTheProbe_AndReportsGoalsAndBytes()
    {
        // 20 rounds: the probe takes 1.0 in ten (quiet), 2.0 in eight (slow) and 1.3 in two (neither).
        double[] probe = [.. Enumerable.Repeat(1.0, 10), .. Enumerable.Repeat(2.0, 8), 1.3, 1.3];

        // The case takes 3 in quiet rounds, 7 in slow ones and 5 in the others; its goal is 4.
        double[] work = probe.Select(p => p == 1.0 ? 3.0 : p == 2.0 ? 7.0 : 5.0).ToArray();
        var cases = new[] { new InterleavedCase("probe", () => 0), new InterleavedCase("work", () => 0, GoalMicroseconds: 4) };
        var rounds = probe.Zip(work, (p, w) => new[] { p, w }).ToList();
        var samples = new InterleavedSamples(cases, rounds, allocatedBytes: [0, 400], calls: [400, 400]);

        string report = InterleavedReport.ToMarkdown(samples, probeIndex: 0);

        Assert.That(report, Does.StartWith("20 rounds;"));
        Assert.That(report, Does.Contain("quiet rounds (probe ≤ 1.15×) 10, slow rounds (probe ≥ 1.50×) 8."));
        string row = report.Split('\n').Single(line => line.StartsWith("| work |", StringComparison.Ordinal));
        var cells = row.Split('|', StringSplitOptions.TrimEntries)[1..^1];
        Assert.That(cells, Is.EqualTo(new[] { "work", "4.00", "3.00", "7.00", "3.00", "7.00", "4", "50 %", "1" }));
    }

    [Test]
    public void ToMarkdown_NoRoundsOrBadProbe_Throws()
    {
        var cases = new[] { new InterleavedCase("probe", () => 0) };
        var empty = new InterleavedSamples(cases, [], [0], [0]);
        Assert.That(() => InterleavedReport.ToMarkdown(empty, 0), Throws.ArgumentException.With.Message.Contains("no rounds"));
        var one = new InterleavedSamples(cases, [[1.0]], [0], [20]);
        Assert.That(() => InterleavedReport.ToMarkdown(one, 1), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
