using System.Diagnostics;
using System.Globalization;
using MultiModal.Matching.CrashWriter;
using MultiModal.Matching.Storage;

namespace MultiModal.Matching.Tests.Storage;

/// <content>Crash safety: a real writer process killed with SIGKILL at random moments.</content>
public sealed partial class CollectionStoreTests
{
    [Test]
    [CancelAfter(170_000)]
    public void Open_AfterWriterKilled_EveryAcknowledgedBatchAndNothingTorn()
    {
        bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        int trials = int.TryParse(Environment.GetEnvironmentVariable("MMM_CRASH_TRIALS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int t)
            ? t
            : ci ? 50 : 12;
        string directory = Track(StorageTestSupport.NewDirectory("crash"));
        var random = new Random(20261122);
        int applied = 0;
        int killedMidWay = 0;
        for (int trial = 0; trial < trials; trial++)
        {
            int lastAck = -1;
            using (Process child = StorageTestSupport.StartChild("write", directory, applied.ToString(CultureInfo.InvariantCulture), (applied + 5000).ToString(CultureInfo.InvariantCulture)))
            {
                var acks = new System.Collections.Concurrent.BlockingCollection<string>();
                child.OutputDataReceived += (_, e) =>
                {
                    if (e.Data is not null)
                    {
                        acks.Add(e.Data);
                    }
                };
                child.BeginOutputReadLine();

                // One trial in four kills the writer while it opens (replaying, deleting stale files); the rest while writing.
                if (trial % 4 != 3)
                {
                    Assert.That(acks.TryTake(out string? ready, 20_000), Is.True, "the writer started");
                    Assert.That(ready, Is.EqualTo("READY"));
                }

                Thread.Sleep(random.Next(trial % 4 == 3 ? 0 : 10, trial % 4 == 3 ? 250 : 400));
                child.Kill();
                child.WaitForExit();
                acks.CompleteAdding();
                foreach (string line in acks)
                {
                    if (line.StartsWith("ACK ", StringComparison.Ordinal))
                    {
                        lastAck = int.Parse(line.AsSpan(4), CultureInfo.InvariantCulture);
                    }
                }

                killedMidWay += child.ExitCode != 0 ? 1 : 0;
            }

            // Batches below `certain` were acknowledged; the batch in flight may be wholly present or wholly absent.
            int certain = Math.Max(applied, lastAck + 1);
            if (!CollectionStore.Exists(directory))
            {
                Assert.That(certain, Is.Zero, $"trial {trial}: acknowledged batches but no manifest");
                continue;
            }

            using (CollectionStore reader = StorageTestSupport.WithTimeout(() => CollectionStore.Open(directory, StoreOpenMode.ReadOnly, new CollectionStoreOptions { VerifyChecksums = true })))
            {
                Assert.That(reader.LiveCount, Is.LessThanOrEqualTo(CrashWorkload.Model(certain + 1).Count + CrashWorkload.NewKeysPerBatch));
            }

            using CollectionStore store = StorageTestSupport.WithTimeout(() => CollectionStore.Open(directory, StoreOpenMode.ReadWrite, new CollectionStoreOptions { VerifyChecksums = true }));
            bool inFlightPresent = store.TryGetId(CrashWorkload.Key(certain, CrashWorkload.NewKeysPerBatch - 1), out _)
                || store.TryGetId(CrashWorkload.Key(certain, 1), out _);
            applied = inFlightPresent ? certain + 1 : certain;
            StorageTestSupport.AssertMatchesModel(store, CrashWorkload.Model(applied), $"trial {trial} (last ack {lastAck})");
        }

        Assert.That(killedMidWay, Is.EqualTo(trials), "every writer was killed before finishing");
        Assert.That(applied, Is.GreaterThan(trials / 4), "the writers made progress");
        TestContext.Out.WriteLine($"{trials} kills, {applied} batches recovered");
    }
}
