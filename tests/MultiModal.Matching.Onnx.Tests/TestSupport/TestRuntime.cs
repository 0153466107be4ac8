using System.Reflection;

namespace MultiModal.Matching.Onnx.Tests.TestSupport;

/// <summary>Session options pointing at the ONNX Runtime library the build fetched (build/OnnxRuntime.targets).</summary>
internal static class TestRuntime
{
    /// <summary>The fetched library's path, stamped into this assembly by the build.</summary>
    public static string? LibraryPath { get; } = typeof(TestRuntime).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(a => a.Key == "MultiModal.Matching.OnnxRuntimePath")?.Value;

    /// <summary>Fresh CPU options with the fetched library (or the environment variable / probing when there is none).</summary>
    /// <returns>The options.</returns>
    public static OnnxSessionOptions Options()
    {
        var options = new OnnxSessionOptions { IntraOpThreads = 1 };
        if (Environment.GetEnvironmentVariable(OnnxSessionOptions.NativeLibraryPathVariable) is null && LibraryPath is not null && File.Exists(LibraryPath))
        {
            options.NativeLibraryPath = LibraryPath;
        }

        return options;
    }
}
