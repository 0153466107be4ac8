using System.Globalization;

using MultiModal.Matching.Onnx.Interop;

namespace MultiModal.Matching.Onnx.Runtime;

internal sealed unsafe partial class OnnxSession
{
    private static OrtSessionOptionsHandle CreateSessionOptions(OrtLibrary library, OnnxSessionOptions options)
    {
        OrtApi api = library.Api;
        nint raw;
        api.Check(api.CreateSessionOptions(&raw));
        var handle = new OrtSessionOptionsHandle(api, raw);
        try
        {
            const int Sequential = 0;
            const int Parallel = 1;
            api.Check(api.SetSessionGraphOptimizationLevel(raw, (int)options.GraphOptimization));
            api.Check(api.SetIntraOpNumThreads(raw, options.IntraOpThreads));
            api.Check(api.SetInterOpNumThreads(raw, options.InterOpThreads));
            api.Check(api.SetSessionExecutionMode(raw, options.InterOpThreads > 0 ? Parallel : Sequential));
            if (options.ExecutionProvider == OnnxExecutionProvider.Cuda)
            {
                AppendCuda(library, raw, options.CudaDeviceId);
            }

            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static void AppendCuda(OrtLibrary library, nint sessionOptions, int deviceId)
    {
        OrtApi api = library.Api;
        nint cudaOptions;
        ThrowIfProviderFailed(library, api.CreateCudaProviderOptions(&cudaOptions));
        using var cudaHandle = new OrtCudaProviderOptionsHandle(api, cudaOptions);
        fixed (byte* key = "device_id\0"u8)
        fixed (byte* value = System.Text.Encoding.ASCII.GetBytes(deviceId.ToString(CultureInfo.InvariantCulture) + "\0"))
        {
            byte* keys = key;
            byte* values = value;
            ThrowIfProviderFailed(library, api.UpdateCudaProviderOptions(cudaOptions, &keys, &values, 1));
        }

        ThrowIfProviderFailed(library, api.SessionOptionsAppendExecutionProviderCudaV2(sessionOptions, cudaOptions));
    }

    private static void ThrowIfProviderFailed(OrtLibrary library, nint status)
    {
        if (status == 0)
        {
            return;
        }

        (OnnxErrorCode code, string message) = OrtStatus.Read(library.Api, status);
        throw new OnnxExecutionProviderException(OnnxExecutionProvider.Cuda, code,
            $"The CUDA execution provider could not be enabled in ONNX Runtime {library.Version} (loaded from {library.Source}): {message} " +
            "The host must ship ONNX Runtime's CUDA provider (reference Microsoft.ML.OnnxRuntime.Gpu, with CUDA and cuDNN installed), or use OnnxExecutionProvider.Cpu.");
    }
}
