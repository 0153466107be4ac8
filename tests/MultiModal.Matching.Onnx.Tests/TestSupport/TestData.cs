namespace MultiModal.Matching.Onnx.Tests.TestSupport;

/// <summary>Finds the shared real-data corpus (../shared/data beside the repo, or /work/shared/data).</summary>
internal static class TestData
{
    private static readonly Lazy<string?> s_root = new(FindRoot);

    /// <summary>The absolute path of <paramref name="relative"/> under shared/data; ignores the test (or fails under CI=true) when missing.</summary>
    /// <param name="relative">A path under shared/data.</param>
    /// <returns>The absolute path.</returns>
    public static string Path(string relative)
    {
        string? root = s_root.Value;
        string? full = root is null ? null : System.IO.Path.Combine(root, relative);
        if (full is null || !(File.Exists(full) || Directory.Exists(full)))
        {
            string message = $"Test data '{relative}' was not found (looked for shared/data beside the repository and at /work/shared/data).";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(message);
            }

            Assert.Ignore(message);
        }

        return full!;
    }

    private static string? FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = System.IO.Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return Directory.Exists("/work/shared/data") ? "/work/shared/data" : null;
    }
}
