namespace MultiModal.Matching.Onnx.Interop;

/// <summary>Owns an OrtSessionOptions.</summary>
internal sealed unsafe class OrtSessionOptionsHandle : OrtHandle
{
    public OrtSessionOptionsHandle(OrtApi api, nint handle)
        : base(api, handle)
    {
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        Api.ReleaseSessionOptions(handle);
        return true;
    }
}
