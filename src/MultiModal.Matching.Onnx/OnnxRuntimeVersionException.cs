namespace MultiModal.Matching.Onnx;

/// <summary>The loaded ONNX Runtime is older than the C API version this library binds.</summary>
public sealed class OnnxRuntimeVersionException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="runtimeVersion">The version the loaded library reports.</param>
    /// <param name="minimumVersion">The oldest version this library works with.</param>
    /// <param name="message">The message.</param>
    public OnnxRuntimeVersionException(string runtimeVersion, Version minimumVersion, string message)
        : base(message)
    {
        RuntimeVersion = runtimeVersion;
        MinimumVersion = minimumVersion;
    }

    /// <summary>The version string the loaded library reports.</summary>
    public string RuntimeVersion { get; }

    /// <summary>The oldest ONNX Runtime version this library works with.</summary>
    public Version MinimumVersion { get; }
}
