using MultiModal.Matching.Testing;

namespace MultiModal.Matching.Media.Tests.Imaging;

/// <summary>Paths into ../shared/data/images (see <see cref="SharedTestData"/>).</summary>
internal static class ImageTestData
{
    /// <summary>The images folder, or ignores/fails the test when the corpus is missing.</summary>
    public static string Images => SharedTestData.Require("images");

    public static string PathOf(string relative) => Path.Combine(Images, relative);

    public static byte[] Read(string relative) => File.ReadAllBytes(PathOf(relative));

    public static string[] Files(string folder, string pattern)
    {
        string[] files = Directory.GetFiles(PathOf(folder), pattern);
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }
}
