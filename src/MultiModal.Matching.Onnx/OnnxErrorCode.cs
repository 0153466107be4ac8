namespace MultiModal.Matching.Onnx;

/// <summary>ONNX Runtime's error codes (<c>OrtErrorCode</c>), carried by <see cref="OnnxRuntimeException"/>.</summary>
public enum OnnxErrorCode
{
    /// <summary>No error.</summary>
    Ok = 0,

    /// <summary>A general failure.</summary>
    Fail = 1,

    /// <summary>An argument (often an input's type or shape) was invalid.</summary>
    InvalidArgument = 2,

    /// <summary>A file was not found.</summary>
    NoSuchFile = 3,

    /// <summary>No model was loaded.</summary>
    NoModel = 4,

    /// <summary>The engine failed.</summary>
    EngineError = 5,

    /// <summary>A runtime exception was raised inside ONNX Runtime (including a run terminated on request).</summary>
    RuntimeException = 6,

    /// <summary>The model's protobuf could not be parsed.</summary>
    InvalidProtobuf = 7,

    /// <summary>The model was already loaded.</summary>
    ModelLoaded = 8,

    /// <summary>The feature is not implemented in this build of ONNX Runtime.</summary>
    NotImplemented = 9,

    /// <summary>The model's graph is invalid.</summary>
    InvalidGraph = 10,

    /// <summary>An execution provider failed.</summary>
    ExecutionProviderFail = 11,
}
