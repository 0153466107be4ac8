namespace MultiModal.Matching.Onnx;

/// <summary>
/// A tensor given to a model does not fit the model's declared input (rank, a fixed dimension, or element
/// type), or its buffer is not as long as its shape says. Raised before anything runs.
/// </summary>
public sealed class OnnxInputShapeException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="inputName">The model input concerned.</param>
    /// <param name="message">The message.</param>
    public OnnxInputShapeException(string inputName, string message)
        : base(message)
    {
        InputName = inputName;
    }

    /// <summary>The model input concerned.</summary>
    public string InputName { get; }
}
