using MultiModal.Matching.Benchmarks.Interleaved;

namespace MultiModal.Matching.Benchmarks.Tests;

public sealed class InterleavedSamplerTests
{
    [Test]
    public void Run_TimesEveryCaseEveryRound_AndCountsOnlyTheAllocationsOfTheTimedCalls()
    {
        int plainCalls = 0;
        var cases = new[]
        {
            new InterleavedCase("plain", () => ++plainCalls),
            new InterleavedCase("allocating", () => new byte[100].Length),
        };

        var samples = InterleavedSampler.Run(cases, TimeSpan.FromMilliseconds(100), warmupCalls: 3, batchCalls: 7);

        Assert.That(samples.Rounds, Is.Not.Empty);
        Assert.That(samples.Rounds.All(round => round.Length == 2 && round.All(t => t >= 0)), Is.True);
        Assert.That(samples.Calls, Is.EqualTo(new long[] { 7L * samples.Rounds.Count, 7L * samples.Rounds.Count }));
        Assert.That(plainCalls, Is.EqualTo(10 * samples.Rounds.Count), "3 untimed + 7 timed calls a round");
        Assert.That(samples.AllocatedBytes[0], Is.Zero);
        Assert.That(samples.AllocatedBytes[1], Is.GreaterThanOrEqualTo(100L * samples.Calls[1]), "the timed calls' arrays, not the warm-ups' alone");
        Assert.That(samples.Of(1), Has.Length.EqualTo(samples.Rounds.Count));
    }

    [Test]
    public void Run_CancelledBeforeStarting_TakesNoRound()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var samples = InterleavedSampler.Run([new InterleavedCase("a", () => 1)], TimeSpan.FromSeconds(10), cancellationToken: cancelled.Token);
        Assert.That(samples.Rounds, Is.Empty);
    }

    [Test]
    public void Run_BadArguments_Throw()
    {
        var one = new[] { new InterleavedCase("a", () => 1) };
        Assert.That(() => InterleavedSampler.Run([], TimeSpan.FromSeconds(1)), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => InterleavedSampler.Run([new("a", () => 1), new("a", () => 2)], TimeSpan.FromSeconds(1)), Throws.ArgumentException.With.Message.Contains("distinct"));
        Assert.That(() => InterleavedSampler.Run(one, TimeSpan.Zero), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => InterleavedSampler.Run(one, TimeSpan.FromSeconds(1), warmupCalls: -1), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => InterleavedSampler.Run(one, TimeSpan.FromSeconds(1), batchCalls: 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
