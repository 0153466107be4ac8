namespace MultiModal.Matching.Onnx;

/// <summary>
/// The requested execution provider (for example CUDA) could not be enabled: the loaded ONNX Runtime was built
/// without it, or its provider library (<c>libonnxruntime_providers_cuda.so</c> with
/// <c>libonnxruntime_providers_shared.so</c>, shipped by Microsoft.ML.OnnxRuntime.Gpu) or its CUDA/cuDNN
/// dependencies are not present.
/// </summary>
public sealed class OnnxExecutionProviderException : OnnxRuntimeException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="provider">The provider that was requested.</param>
    /// <param name="errorCode">ONNX Runtime's error code.</param>
    /// <param name="message">The message.</param>
    public OnnxExecutionProviderException(OnnxExecutionProvider provider, OnnxErrorCode errorCode, string message)
        : base(errorCode, message)
    {
        Provider = provider;
    }

    /// <summary>The provider that was requested.</summary>
    public OnnxExecutionProvider Provider { get; }
}
