namespace MultiModal.Matching.Onnx;

/// <summary>
/// The ONNX Runtime native library could not be loaded from any of the places tried (the explicit path option,
/// the <c>MMM_ONNXRUNTIME_PATH</c> environment variable, then the normal native library probing for
/// <c>onnxruntime</c>), or the library loaded is not ONNX Runtime. The message lists what was tried.
/// </summary>
public sealed class OnnxRuntimeNotFoundException : DllNotFoundException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public OnnxRuntimeNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public OnnxRuntimeNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
