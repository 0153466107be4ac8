namespace MultiModal.Matching.Media.Tests.Imaging;

/// <summary>Locates ../shared/data/images; ignores the calling test when absent unless CI=true.</summary>
internal static class ImageTestData
{
    private static readonly Lazy<string?> Root = new(FindRoot);

    /// <summary>The images folder, or ignores/fails the test when the corpus is missing.</summary>
    public static string Images
    {
        get
        {
            string? root = Root.Value;
            if (root is null)
            {
                if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                {
                    Assert.Fail("The shared data folder (../shared/data/images) is required when CI=true but was not found.");
                }

                Assert.Ignore("The shared data folder (../shared/data/images) is not present.");
            }

            return root!;
        }
    }

    public static string PathOf(string relative) => Path.Combine(Images, relative);

    public static byte[] Read(string relative) => File.ReadAllBytes(PathOf(relative));

    public static string[] Files(string folder, string pattern)
    {
        string[] files = Directory.GetFiles(PathOf(folder), pattern);
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    private static string? FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "data", "images");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return Directory.Exists("/work/shared/data/images") ? "/work/shared/data/images" : null;
    }
}
