using MultiModal.Matching.Testing;

namespace MultiModal.Matching.Onnx.Tests.TestSupport;

/// <summary>Paths into the shared real-data corpus (see <see cref="SharedTestData"/>).</summary>
internal static class TestData
{
    /// <summary>The absolute path of <paramref name="relative"/> under shared/data; ignores the test (or fails under CI=true) when missing.</summary>
    /// <param name="relative">A path under shared/data.</param>
    /// <returns>The absolute path.</returns>
    public static string Path(string relative) => SharedTestData.Require(relative);
}
