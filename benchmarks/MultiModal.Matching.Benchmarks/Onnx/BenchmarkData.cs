namespace MultiModal.Matching.Benchmarks.Onnx;

/// <summary>Finds shared/data (beside the repository, or /work/shared/data) and the fetched ONNX Runtime library.</summary>
internal static class BenchmarkData
{
    public static string Path(string relative)
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = System.IO.Path.Combine(dir.FullName, "shared", "data", relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        string fallback = System.IO.Path.Combine("/work/shared/data", relative);
        return File.Exists(fallback) ? fallback : throw new FileNotFoundException($"Benchmark data '{relative}' was not found under shared/data.", relative);
    }

    /// <summary>Session options using the library that build/OnnxRuntime.targets fetched.</summary>
    public static MultiModal.Matching.Onnx.OnnxSessionOptions Session()
    {
        string? path = typeof(BenchmarkData).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "MultiModal.Matching.OnnxRuntimePath")?.Value;
        var options = new MultiModal.Matching.Onnx.OnnxSessionOptions { IntraOpThreads = 1 };
        if (Environment.GetEnvironmentVariable(MultiModal.Matching.Onnx.OnnxSessionOptions.NativeLibraryPathVariable) is null && path is not null && File.Exists(path))
        {
            options.NativeLibraryPath = path;
        }

        return options;
    }
}
