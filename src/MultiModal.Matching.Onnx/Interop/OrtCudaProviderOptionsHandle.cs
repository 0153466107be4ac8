namespace MultiModal.Matching.Onnx.Interop;

/// <summary>Owns an OrtCUDAProviderOptionsV2.</summary>
internal sealed unsafe class OrtCudaProviderOptionsHandle : OrtHandle
{
    public OrtCudaProviderOptionsHandle(OrtApi api, nint handle)
        : base(api, handle)
    {
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        Api.ReleaseCudaProviderOptions(handle);
        return true;
    }
}
