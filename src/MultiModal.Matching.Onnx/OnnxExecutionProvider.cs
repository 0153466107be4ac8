namespace MultiModal.Matching.Onnx;

/// <summary>Where ONNX Runtime executes a model.</summary>
public enum OnnxExecutionProvider
{
    /// <summary>ONNX Runtime's CPU provider (always present).</summary>
    Cpu = 0,

    /// <summary>
    /// NVIDIA CUDA (<c>SessionOptionsAppendExecutionProvider_CUDA_V2</c>); needs an ONNX Runtime GPU build with its
    /// CUDA provider library, as Microsoft.ML.OnnxRuntime.Gpu ships. Nodes CUDA cannot run fall back to the CPU.
    /// </summary>
    Cuda = 1,
}
