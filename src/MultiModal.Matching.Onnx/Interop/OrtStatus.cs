using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace MultiModal.Matching.Onnx.Interop;

/// <summary>Turns every non-null <c>OrtStatus*</c> into an <see cref="OnnxRuntimeException"/> carrying ONNX Runtime's message and code.</summary>
internal static unsafe class OrtStatus
{
    /// <summary>Returns when <paramref name="status"/> is null (success); otherwise releases it and throws.</summary>
    /// <param name="api">The API that returned the status.</param>
    /// <param name="status">The <c>OrtStatus*</c>.</param>
    /// <exception cref="OnnxRuntimeException">The status reports an error.</exception>
    public static void Check(this OrtApi api, nint status)
    {
        if (status != 0)
        {
            Throw(api, status);
        }
    }

    /// <summary>Reads and releases a non-null status.</summary>
    /// <param name="api">The API that returned the status.</param>
    /// <param name="status">The <c>OrtStatus*</c>; released on return.</param>
    /// <returns>The error code and ONNX Runtime's message.</returns>
    public static (OnnxErrorCode Code, string Message) Read(OrtApi api, nint status)
    {
        using var handle = new OrtStatusHandle(api, status);
        var code = (OnnxErrorCode)api.GetErrorCode(status);
        string message = Marshal.PtrToStringUTF8((nint)api.GetErrorMessage(status)) ?? "(no message)";
        return (code, message);
    }

    [DoesNotReturn]
    private static void Throw(OrtApi api, nint status)
    {
        (OnnxErrorCode code, string message) = Read(api, status);
        throw new OnnxRuntimeException(code, $"ONNX Runtime error {code}: {message}");
    }
}
