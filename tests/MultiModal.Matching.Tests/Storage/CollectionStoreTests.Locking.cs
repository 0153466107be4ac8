using System.Diagnostics;
using MultiModal.Matching.CrashWriter;
using MultiModal.Matching.Storage;

namespace MultiModal.Matching.Tests.Storage;

/// <content>One writer per directory across processes; readers in other processes alongside it.</content>
public sealed partial class CollectionStoreTests
{
    [Test]
    public void Open_SecondWriterInProcess_ThrowsLocked()
    {
        string directory = Track(StorageTestSupport.BuildWorkloadCollection(checkpointed: 1, batches: 1));
        using CollectionStore writer = CollectionStore.Open(directory, StoreOpenMode.ReadWrite);
        CollectionLockedException? e = Assert.Throws<CollectionLockedException>(() => CollectionStore.Open(directory, StoreOpenMode.ReadWrite));
        Assert.That(e!.Directory, Is.EqualTo(Path.GetFullPath(directory)));
        using CollectionStore reader = CollectionStore.Open(directory, StoreOpenMode.ReadOnly);
        Assert.That(reader.LiveCount, Is.EqualTo(CrashWorkload.Model(1).Count));
    }

    [Test]
    [CancelAfter(60_000)]
    public void Open_WriterInOtherProcess_SecondWriterRefusedReadersWork()
    {
        string directory = Track(StorageTestSupport.BuildWorkloadCollection(checkpointed: 2, batches: 2));
        using Process writer = StorageTestSupport.StartChild("write", directory, "2", "100000");
        try
        {
            Assert.That(writer.StandardOutput.ReadLine(), Is.EqualTo("READY"));
            Assert.That(writer.StandardOutput.ReadLine(), Does.StartWith("ACK "));
            Task<string> drain = writer.StandardOutput.ReadToEndAsync();

            Assert.Throws<CollectionLockedException>(() => CollectionStore.Open(directory, StoreOpenMode.ReadWrite));

            using (Process second = StorageTestSupport.StartChild("write", directory, "0", "0"))
            {
                Assert.That(second.StandardOutput.ReadToEnd().Trim(), Is.EqualTo("LOCKED"));
                second.WaitForExit();
                Assert.That(second.ExitCode, Is.EqualTo(3));
            }

            using Process reader = StorageTestSupport.StartChild("read", directory, "25");
            string[] lines = reader.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            reader.WaitForExit();
            Assert.That(reader.ExitCode, Is.Zero, reader.StandardError.ReadToEnd());
            Assert.That(lines, Has.Length.EqualTo(25));
            Assert.That(lines, Has.All.StartWith("READ "));
            Assert.That(writer.HasExited, Is.False, "the writer kept working while the reader read");
            Assert.That(drain.IsCompleted, Is.False);
        }
        finally
        {
            writer.Kill();
            writer.WaitForExit();
        }

        // The killed writer's lock died with it.
        using CollectionStore next = CollectionStore.Open(directory, StoreOpenMode.ReadWrite);
        Assert.That(next.LiveCount, Is.GreaterThan(0));
    }
}
