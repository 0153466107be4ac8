using MultiModal.Matching.Testing;

namespace MultiModal.Matching.Media.Tests.TestSupport;

/// <summary>Paths into the shared real-data corpus for the audio tests (see <see cref="SharedTestData"/>).</summary>
internal static class AudioCorpus
{
    /// <summary>The absolute path of a corpus file or folder; ignores or fails the test when it is missing.</summary>
    public static string Require(string relativePath) => SharedTestData.Require(relativePath);
}
