namespace MultiModal.Matching.Onnx;

/// <summary>
/// ONNX Runtime reported an error (an <c>OrtStatus</c>): the message is ONNX Runtime's own, and
/// <see cref="ErrorCode"/> its error code.
/// </summary>
public class OnnxRuntimeException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errorCode">ONNX Runtime's error code.</param>
    /// <param name="message">The message.</param>
    public OnnxRuntimeException(OnnxErrorCode errorCode, string message)
        : base(message)
    {
        ErrorCode = errorCode;
    }

    /// <summary>Creates the exception with an inner exception.</summary>
    /// <param name="errorCode">ONNX Runtime's error code.</param>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public OnnxRuntimeException(OnnxErrorCode errorCode, string message, Exception? innerException)
        : base(message, innerException)
    {
        ErrorCode = errorCode;
    }

    /// <summary>ONNX Runtime's error code.</summary>
    public OnnxErrorCode ErrorCode { get; }
}
