namespace MultiModal.Matching.Onnx.Interop;

/// <summary>Owns an OrtSession (a loaded model).</summary>
internal sealed unsafe class OrtSessionHandle : OrtHandle
{
    public OrtSessionHandle(OrtApi api, nint handle)
        : base(api, handle)
    {
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        Api.ReleaseSession(handle);
        return true;
    }
}
