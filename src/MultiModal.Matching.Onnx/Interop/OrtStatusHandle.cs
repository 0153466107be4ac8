namespace MultiModal.Matching.Onnx.Interop;

/// <summary>Owns an OrtStatus (an error report).</summary>
internal sealed unsafe class OrtStatusHandle : OrtHandle
{
    public OrtStatusHandle(OrtApi api, nint handle)
        : base(api, handle)
    {
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        Api.ReleaseStatus(handle);
        return true;
    }
}
