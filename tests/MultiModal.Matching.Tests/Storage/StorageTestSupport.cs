using System.Diagnostics;
using MultiModal.Matching.Attributes;
using MultiModal.Matching.CrashWriter;
using MultiModal.Matching.Storage;

namespace MultiModal.Matching.Tests.Storage;

/// <summary>Shared helpers of the storage tests: temporary directories, the crash-writer child process, model checks.</summary>
internal static class StorageTestSupport
{
    /// <summary>A fresh empty directory under the system temp folder.</summary>
    public static string NewDirectory(string prefix)
    {
        string path = Path.Combine(Path.GetTempPath(), $"mmm-{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    public static void DeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    /// <summary>Copies every file of a collection directory (no subfolders) into a new directory.</summary>
    public static string CopyDirectory(string source, string prefix)
    {
        string target = NewDirectory(prefix);
        foreach (string file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        return target;
    }

    /// <summary>Runs <paramref name="action"/> on another thread and fails if it takes longer than the timeout (a hang).</summary>
    public static T WithTimeout<T>(Func<T> action, int milliseconds = 15000)
    {
        Task<T> task = Task.Run(action);
        if (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(milliseconds))
        {
            Assert.Fail($"The operation did not finish within {milliseconds} ms.");
        }

        return task.GetAwaiter().GetResult();
    }

    /// <summary>Starts the crash-writer child process (tests/MultiModal.Matching.CrashWriter) with stdout redirected.</summary>
    public static Process StartChild(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(ChildPath());
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("Could not start the crash writer.");
    }

    /// <summary>Asserts that the store holds exactly the model's live items, vectors bit for bit and attributes.</summary>
    public static void AssertMatchesModel(CollectionStore store, Dictionary<string, (float[] Text, float[]? Image, long Batch)> model, string context)
    {
        Assert.That(store.LiveCount, Is.EqualTo(model.Count), $"{context}: live count");
        var text = new float[16];
        var image = new float[8];
        foreach ((string key, (float[] Text, float[]? Image, long Batch) expected) in model)
        {
            Assert.That(store.TryGetId(key, out int id), Is.True, $"{context}: key {key} present");
            Assert.That(store.IsLive(id), Is.True, $"{context}: {key} live");
            Assert.That(store.GetKey(id), Is.EqualTo(key));
            Assert.That(store.TryCopyVector(0, id, text), Is.True);
            Assert.That(text, Is.EqualTo(expected.Text), $"{context}: text vector of {key}");
            Assert.That(store.TryCopyVector(1, id, image), Is.EqualTo(expected.Image is not null), $"{context}: image presence of {key}");
            if (expected.Image is not null)
            {
                Assert.That(image, Is.EqualTo(expected.Image), $"{context}: image vector of {key}");
            }

            IReadOnlyList<KeyValuePair<string, AttributeValue>> attributes = store.GetAttributes(id);
            Assert.That(attributes[0].Value.AsInteger, Is.EqualTo(expected.Batch), $"{context}: batch attribute of {key}");
            Assert.That(attributes[1].Value.AsString, Is.EqualTo(key));
        }
    }

    /// <summary>Creates a collection holding the first <paramref name="batches"/> workload batches, checkpointing after <paramref name="checkpointed"/> of them.</summary>
    public static string BuildWorkloadCollection(int checkpointed, int batches)
    {
        string directory = NewDirectory("build");
        using CollectionStore store = CollectionStore.Create(directory, CrashWorkload.Spaces, new CollectionStoreOptions { AutoCheckpointLogBytes = 0 });
        for (int b = 0; b < batches; b++)
        {
            store.Apply(CrashWorkload.Batch(b));
            if (b + 1 == checkpointed)
            {
                store.Checkpoint();
            }
        }

        return directory;
    }

    private static string ChildPath()
    {
        // <repo>/tests/MultiModal.Matching.Tests/bin/<Configuration>/<tfm>/ → the sibling project's same output folder.
        string testOutput = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        string path = testOutput.Replace(
            $"{Path.DirectorySeparatorChar}MultiModal.Matching.Tests{Path.DirectorySeparatorChar}",
            $"{Path.DirectorySeparatorChar}MultiModal.Matching.CrashWriter{Path.DirectorySeparatorChar}",
            StringComparison.Ordinal);
        path = Path.Combine(path, "MultiModal.Matching.CrashWriter.dll");
        if (!File.Exists(path))
        {
            Assert.Fail($"The crash writer was not built at {path}.");
        }

        return path;
    }
}
