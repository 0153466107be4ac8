namespace MultiModal.Matching.Testing;

/// <summary>
/// Finds the shared real-data corpus, <c>&lt;repo&gt;/../shared/data</c> (by walking up from the test assembly, so a
/// clone anywhere finds the folder beside it), else <c>/work/shared/data</c>. Tests that need a corpus file are
/// ignored when it is missing, except under <c>CI=true</c>, where missing data fails them. Linked into every test
/// project by Directory.Build.props.
/// </summary>
internal static class SharedTestData
{
    private static readonly Lazy<string?> s_root = new(FindRoot);

    /// <summary>The absolute path of a file or folder under shared/data; ignores (or, under CI=true, fails) the calling test when it is missing.</summary>
    /// <param name="relative">A path under shared/data, with forward slashes.</param>
    /// <returns>The absolute path.</returns>
    public static string Require(string relative)
    {
        string? root = s_root.Value;
        string? full = root is null ? null : Path.Combine(root, relative);
        if (full is null || !(File.Exists(full) || Directory.Exists(full)))
        {
            string message = $"Shared test data '{relative}' was not found (looked for shared/data beside the repository and at /work/shared/data).";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(message);
            }

            Assert.Ignore(message);
        }

        return full!;
    }

    /// <summary>
    /// The absolute path of a file or folder under shared/data, or null when it is missing; for test-case sources,
    /// which run at discovery, where a test cannot yet be ignored (the case they yield instead must then fail or
    /// ignore itself through <see cref="Require"/>).
    /// </summary>
    /// <param name="relative">A path under shared/data, with forward slashes.</param>
    /// <returns>The absolute path, or null.</returns>
    public static string? TryFind(string relative)
    {
        string? full = s_root.Value is { } root ? Path.Combine(root, relative) : null;
        return full is not null && (File.Exists(full) || Directory.Exists(full)) ? full : null;
    }

    private static string? FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return Directory.Exists("/work/shared/data") ? "/work/shared/data" : null;
    }
}
