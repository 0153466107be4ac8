namespace MultiModal.Matching.Onnx;

/// <summary>
/// How an ONNX model is loaded and run: where the ONNX Runtime native library comes from, threads, graph
/// optimisation and execution provider. Setters validate; <see cref="Clone"/> gives an independent copy.
/// Not thread-safe to mutate; encoders copy the options they are given.
/// </summary>
public sealed class OnnxSessionOptions
{
    /// <summary>The environment variable consulted for the native library's path when <see cref="NativeLibraryPath"/> is not set.</summary>
    public const string NativeLibraryPathVariable = "MMM_ONNXRUNTIME_PATH";

    private string? _nativeLibraryPath;
    private int _intraOpThreads;
    private int _interOpThreads;
    private OnnxGraphOptimizationLevel _graphOptimization = OnnxGraphOptimizationLevel.All;
    private OnnxExecutionProvider _executionProvider = OnnxExecutionProvider.Cpu;
    private int _cudaDeviceId;

    /// <summary>
    /// The full path of the ONNX Runtime native library (<c>libonnxruntime.so</c>, <c>onnxruntime.dll</c>,
    /// <c>libonnxruntime.dylib</c>). When null, the <c>MMM_ONNXRUNTIME_PATH</c> environment variable is used, and
    /// when that is unset too, the normal native library probing for <c>onnxruntime</c> (which finds the library a
    /// host gets by referencing Microsoft.ML.OnnxRuntime or Microsoft.ML.OnnxRuntime.Gpu). A process loads one
    /// library per distinct path.
    /// </summary>
    /// <exception cref="ArgumentException">The value is empty or whitespace.</exception>
    public string? NativeLibraryPath
    {
        get => _nativeLibraryPath;
        set
        {
            if (value is not null)
            {
                ArgumentException.ThrowIfNullOrWhiteSpace(value);
            }

            _nativeLibraryPath = value;
        }
    }

    /// <summary>Threads used inside one operator; 0 (the default) lets ONNX Runtime choose (one per core).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int IntraOpThreads
    {
        get => _intraOpThreads;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _intraOpThreads = value;
        }
    }

    /// <summary>
    /// Threads used to run independent operators in parallel; 0 (the default) means sequential execution.
    /// A value above 0 switches ONNX Runtime to parallel execution mode.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int InterOpThreads
    {
        get => _interOpThreads;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _interOpThreads = value;
        }
    }

    /// <summary>The graph optimisation level; <see cref="OnnxGraphOptimizationLevel.All"/> by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined level.</exception>
    public OnnxGraphOptimizationLevel GraphOptimization
    {
        get => _graphOptimization;
        set
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Not a defined graph optimisation level.");
            }

            _graphOptimization = value;
        }
    }

    /// <summary>
    /// The execution provider; <see cref="OnnxExecutionProvider.Cpu"/> by default. Requesting
    /// <see cref="OnnxExecutionProvider.Cuda"/> where the CUDA provider is absent makes session creation throw
    /// <see cref="OnnxExecutionProviderException"/> (there is no silent fallback to the CPU).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined provider.</exception>
    public OnnxExecutionProvider ExecutionProvider
    {
        get => _executionProvider;
        set
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Not a defined execution provider.");
            }

            _executionProvider = value;
        }
    }

    /// <summary>The CUDA device ordinal used with <see cref="OnnxExecutionProvider.Cuda"/>; 0 by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int CudaDeviceId
    {
        get => _cudaDeviceId;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _cudaDeviceId = value;
        }
    }

    /// <summary>Returns an independent copy of these options.</summary>
    /// <returns>The copy.</returns>
    public OnnxSessionOptions Clone() => (OnnxSessionOptions)MemberwiseClone();
}
