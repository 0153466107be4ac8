namespace MultiModal.Matching.Onnx.Interop;

/// <summary>Owns the process-wide OrtEnv.</summary>
internal sealed unsafe class OrtEnvHandle : OrtHandle
{
    public OrtEnvHandle(OrtApi api, nint handle)
        : base(api, handle)
    {
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        Api.ReleaseEnv(handle);
        return true;
    }
}
