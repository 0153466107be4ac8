namespace MultiModal.Matching.Onnx.Interop;

/// <summary>Owns an OrtRunOptions.</summary>
internal sealed unsafe class OrtRunOptionsHandle : OrtHandle
{
    public OrtRunOptionsHandle(OrtApi api, nint handle)
        : base(api, handle)
    {
    }

    /// <summary>Asks runs using these options to stop (<c>RunOptionsSetTerminate</c>); safe from any thread.</summary>
    public void SetTerminate() => Api.Check(Api.RunOptionsSetTerminate(handle));

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        Api.ReleaseRunOptions(handle);
        return true;
    }
}
