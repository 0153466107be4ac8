namespace MultiModal.Matching.Media.Tests.TestSupport;

/// <summary>
/// Locates the shared real-data corpus (<c>&lt;repo&gt;/../shared/data</c>, else <c>/work/shared/data</c>).
/// Missing data ignores the test, unless CI=true, where it fails.
/// </summary>
internal static class AudioCorpus
{
    private static readonly Lazy<string?> Root = new(Find);

    /// <summary>The absolute path of a corpus file or folder; ignores or fails the test when it is missing.</summary>
    public static string Require(string relativePath)
    {
        string? root = Root.Value;
        string? path = root is null ? null : Path.Combine(root, relativePath);
        if (path is null || !(File.Exists(path) || Directory.Exists(path)))
        {
            string message = $"Shared data '{relativePath}' not found (looked for <repo>/../shared/data and /work/shared/data).";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(message);
            }

            Assert.Ignore(message);
        }

        return path!;
    }

    private static string? Find()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate) && dir.GetDirectories(".git").Length == 0 && File.Exists(Path.Combine(candidate, "MANIFEST.md")))
            {
                return candidate;
            }
        }

        return Directory.Exists("/work/shared/data") ? "/work/shared/data" : null;
    }
}
