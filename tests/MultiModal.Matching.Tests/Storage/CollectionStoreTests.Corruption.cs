using MultiModal.Matching.CrashWriter;
using MultiModal.Matching.Storage;

namespace MultiModal.Matching.Tests.Storage;

/// <content>Damaged files: truncation, flipped bytes, garbage manifests. Open either returns correct data or names the file and the check.</content>
public sealed partial class CollectionStoreTests
{
    private const int CheckpointedBatches = 6;
    private const int LoggedBatches = 9;

    [Test]
    [CancelAfter(120_000)]
    public void Open_TruncatedFiles_CorrectDataOrCorruptionNamingFile()
    {
        string pristine = Track(StorageTestSupport.BuildWorkloadCollection(CheckpointedBatches, LoggedBatches));
        var random = new Random(11);
        foreach (string file in Directory.GetFiles(pristine))
        {
            long length = new FileInfo(file).Length;
            for (int trial = 0; trial < 12; trial++)
            {
                string copy = Track(StorageTestSupport.CopyDirectory(pristine, "truncate"));
                string target = Path.Combine(copy, Path.GetFileName(file));
                long cut = trial == 0 ? 0 : random.NextInt64(0, Math.Max(1, length));
                using (var stream = new FileStream(target, FileMode.Open))
                {
                    stream.SetLength(cut);
                }

                AssertOpenIsCorrectOrCorrupt(copy, target, $"{Path.GetFileName(file)} cut at {cut}");
            }
        }
    }

    [Test]
    [CancelAfter(120_000)]
    public void Open_FlippedBytes_CorrectDataOrCorruptionNamingFile()
    {
        string pristine = Track(StorageTestSupport.BuildWorkloadCollection(CheckpointedBatches, LoggedBatches));
        var random = new Random(12);
        foreach (string file in Directory.GetFiles(pristine))
        {
            long length = new FileInfo(file).Length;
            if (length == 0)
            {
                continue;
            }

            for (int trial = 0; trial < 24; trial++)
            {
                string copy = Track(StorageTestSupport.CopyDirectory(pristine, "flip"));
                string target = Path.Combine(copy, Path.GetFileName(file));

                // Half the flips land in the first 4 KiB (headers, region tables), half anywhere.
                long position = trial % 2 == 0 ? random.NextInt64(0, Math.Min(length, 4096)) : random.NextInt64(0, length);
                byte mask = (byte)(1 << random.Next(8));
                using (var stream = new FileStream(target, FileMode.Open))
                {
                    stream.Position = position;
                    int value = stream.ReadByte();
                    stream.Position = position;
                    stream.WriteByte((byte)(value ^ mask));
                }

                AssertOpenIsCorrectOrCorrupt(copy, target, $"{Path.GetFileName(file)} byte {position} ^ 0x{mask:X2}");
            }
        }
    }

    [Test]
    public void Open_GarbageManifest_ThrowsCorruptNamingManifest()
    {
        string pristine = Track(StorageTestSupport.BuildWorkloadCollection(CheckpointedBatches, LoggedBatches));
        var random = new Random(13);
        byte[] real = File.ReadAllBytes(Path.Combine(pristine, StorageFormat.ManifestFileName));
        for (int trial = 0; trial < 20; trial++)
        {
            string copy = Track(StorageTestSupport.CopyDirectory(pristine, "manifest"));
            string manifest = Path.Combine(copy, StorageFormat.ManifestFileName);
            byte[] garbage = trial switch
            {
                0 => [],
                1 => real[..^1],
                2 => [.. real, 0],
                _ => new byte[random.Next(1, 2 * real.Length)],
            };
            if (trial >= 3)
            {
                random.NextBytes(garbage);
                if (trial % 2 == 0 && garbage.Length >= 16)
                {
                    real.AsSpan(0, 16).CopyTo(garbage); // a valid magic, version and length field in front of garbage
                }
            }

            File.WriteAllBytes(manifest, garbage);
            foreach (StoreOpenMode mode in new[] { StoreOpenMode.ReadOnly, StoreOpenMode.ReadWrite })
            {
                CorruptIndexException? e = Assert.Throws<CorruptIndexException>(() => StorageTestSupport.WithTimeout(() => CollectionStore.Open(copy, mode)).Dispose());
                Assert.That(e!.FilePath, Is.EqualTo(manifest));
                Assert.That(e.Check, Is.Not.Empty);
            }
        }
    }

    [Test]
    public void Open_ManifestNamingMissingSegment_ThrowsCorrupt()
    {
        string pristine = Track(StorageTestSupport.BuildWorkloadCollection(CheckpointedBatches, LoggedBatches));
        string segment = Directory.GetFiles(pristine, "space-image-*.seg").Single();
        File.Delete(segment);
        CorruptIndexException? e = Assert.Throws<CorruptIndexException>(() => CollectionStore.Open(pristine, StoreOpenMode.ReadOnly));
        Assert.That(e!.FilePath, Is.EqualTo(segment));
    }

    [Test]
    public void Read_DamagedRegionsWithoutVerification_NeverOutsideMapping()
    {
        // Without the checksum pass, reads must still stay inside the mapping: every read either
        // returns or throws CorruptIndexException, whatever the damaged bytes say.
        string pristine = Track(StorageTestSupport.BuildWorkloadCollection(CheckpointedBatches, CheckpointedBatches));
        string items = Directory.GetFiles(pristine, "items-*.seg").Single();
        var random = new Random(14);
        for (int trial = 0; trial < 20; trial++)
        {
            string copy = Track(StorageTestSupport.CopyDirectory(pristine, "regions"));
            string target = Path.Combine(copy, Path.GetFileName(items));
            byte[] bytes = File.ReadAllBytes(target);
            for (int i = 0; i < 16; i++)
            {
                bytes[random.Next(4096, bytes.Length)] = (byte)random.Next(256);
            }

            File.WriteAllBytes(target, bytes);
            using CollectionStore store = CollectionStore.Open(copy, StoreOpenMode.ReadOnly);
            for (int id = 0; id < store.RowCount; id++)
            {
                try
                {
                    store.GetKey(id);
                    store.GetAttributes(id);
                    store.TryGetId(CrashWorkload.Key(id / 12, id % 12), out _);
                }
                catch (CorruptIndexException e)
                {
                    Assert.That(e.FilePath, Is.EqualTo(target));
                }
            }
        }
    }

    private static void AssertOpenIsCorrectOrCorrupt(string directory, string damagedFile, string context)
    {
        bool isLog = Path.GetFileName(damagedFile).StartsWith("wal-", StringComparison.Ordinal);
        var options = new CollectionStoreOptions { VerifyChecksums = true, AutoCheckpointLogBytes = 0 };
        try
        {
            using (CollectionStore reader = StorageTestSupport.WithTimeout(() => CollectionStore.Open(directory, StoreOpenMode.ReadOnly, options)))
            {
                StorageTestSupport.AssertMatchesModel(reader, CrashWorkload.Model(CheckpointedBatches), $"{context}, read-only");
            }
        }
        catch (CorruptIndexException e)
        {
            Assert.That(e.FilePath, Is.EqualTo(damagedFile), context);
            Assert.That(e.Message, Does.Contain(Path.GetFileName(damagedFile)).And.Contain(e.Check));
        }

        try
        {
            using CollectionStore writer = StorageTestSupport.WithTimeout(() => CollectionStore.Open(directory, StoreOpenMode.ReadWrite, options));

            // A damaged log tail is indistinguishable from a torn write: the records before it survive.
            int present = LoggedBatches;
            while (isLog && present > CheckpointedBatches && !writer.TryGetId(CrashWorkload.Key(present - 1, 11), out _))
            {
                present--;
            }

            StorageTestSupport.AssertMatchesModel(writer, CrashWorkload.Model(present), $"{context}, read-write");
        }
        catch (CorruptIndexException e)
        {
            Assert.That(e.FilePath, Is.EqualTo(damagedFile), context);
        }
    }
}
