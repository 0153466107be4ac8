using MultiModal.Matching.Onnx.Interop;
using MultiModal.Matching.Onnx.Runtime;
using MultiModal.Matching.Onnx.Tests.TestSupport;

namespace MultiModal.Matching.Onnx.Tests.Interop;

public sealed class OrtLibraryTests
{
    [Test]
    public void Get_FetchedLibrary_ReportsVersionAtLeastMinimum()
    {
        OrtLibrary library = OrtLibrary.Get(TestRuntime.Options().NativeLibraryPath);
        Assert.That(Version.Parse(library.Version), Is.GreaterThanOrEqualTo(OrtLibrary.MinimumRuntimeVersion));
        Assert.That(OrtLibrary.Get(TestRuntime.Options().NativeLibraryPath), Is.SameAs(library), "loaded once per source");
    }

    [Test]
    public void Get_ExplicitPathToMissingFile_ThrowsNotFoundNamingThePath()
    {
        var e = Assert.Throws<OnnxRuntimeNotFoundException>(() => OrtLibrary.Get("/nonexistent/libonnxruntime.so.1"));
        Assert.That(e!.Message, Does.Contain("/nonexistent/libonnxruntime.so.1").And.Contain("NativeLibraryPath"));
    }

    [Test]
    public void Get_LibraryThatIsNotOnnxRuntime_ThrowsNotFound()
    {
        string libm = new[] { "/lib/x86_64-linux-gnu/libm.so.6", "/usr/lib/x86_64-linux-gnu/libm.so.6", "/lib64/libm.so.6" }.FirstOrDefault(File.Exists)
            ?? throw new IgnoreException("no libm.so.6 found to stand in for a non-ONNX library");
        var e = Assert.Throws<OnnxRuntimeNotFoundException>(() => OrtLibrary.Get(libm));
        Assert.That(e!.Message, Does.Contain("OrtGetApiBase"));
    }

    [Test]
    public void Open_EnvironmentVariablePointsNowhere_ThrowsNotFoundNamingTheVariable()
    {
        string? saved = Environment.GetEnvironmentVariable(OnnxSessionOptions.NativeLibraryPathVariable);
        Environment.SetEnvironmentVariable(OnnxSessionOptions.NativeLibraryPathVariable, "/nonexistent/from-env/libonnxruntime.so");
        try
        {
            var e = Assert.Throws<OnnxRuntimeNotFoundException>(() => OnnxSession.Open([1, 2, 3], new OnnxSessionOptions()));
            Assert.That(e!.Message, Does.Contain(OnnxSessionOptions.NativeLibraryPathVariable));
        }
        finally
        {
            Environment.SetEnvironmentVariable(OnnxSessionOptions.NativeLibraryPathVariable, saved);
        }
    }

    [Test]
    public void Get_NothingConfigured_ProbesAndEitherLoadsOrExplainsTheNuGetRoute()
    {
        string? saved = Environment.GetEnvironmentVariable(OnnxSessionOptions.NativeLibraryPathVariable);
        Environment.SetEnvironmentVariable(OnnxSessionOptions.NativeLibraryPathVariable, null);
        try
        {
            OrtLibrary library;
            try
            {
                library = OrtLibrary.Get(null);
            }
            catch (OnnxRuntimeNotFoundException e)
            {
                // The usual case here: no onnxruntime beside the test binaries or on the loader path.
                Assert.That(e.Message, Does.Contain("Microsoft.ML.OnnxRuntime").And.Contain(OnnxSessionOptions.NativeLibraryPathVariable).And.Contain("'onnxruntime'"));
                return;
            }

            Assert.That(library.Source, Does.StartWith("probing"));
            Assert.That(Version.Parse(library.Version.Split('-')[0]), Is.GreaterThanOrEqualTo(OrtLibrary.MinimumRuntimeVersion));
        }
        finally
        {
            Environment.SetEnvironmentVariable(OnnxSessionOptions.NativeLibraryPathVariable, saved);
        }
    }

    [TestCase("1.10.2")]
    [TestCase("0.9.0")]
    [TestCase("not-a-version")]
    public void CheckVersion_OlderOrUnreadable_ThrowsVersionException(string version)
    {
        var e = Assert.Throws<OnnxRuntimeVersionException>(() => OrtLibrary.CheckVersion(version));
        Assert.That(e!.RuntimeVersion, Is.EqualTo(version));
        Assert.That(e.MinimumVersion, Is.EqualTo(OrtLibrary.MinimumRuntimeVersion));
    }

    [TestCase("1.11.0")]
    [TestCase("1.30.0")]
    [TestCase("2.0.1-dev")]
    public void CheckVersion_SupportedVersion_DoesNotThrow(string version)
    {
        Assert.DoesNotThrow(() => OrtLibrary.CheckVersion(version));
    }
}
