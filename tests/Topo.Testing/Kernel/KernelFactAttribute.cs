using Xunit;
namespace Topo.Testing.Kernel;

/// <summary>
/// A test that changes kernel state. It runs only as root inside the test sandbox (a private mount
/// namespace, see tests/sandbox/dotnet-in-sandbox); otherwise it is skipped with the reason, never passed.
/// </summary>
public sealed class KernelFactAttribute : FactAttribute
{
    public KernelFactAttribute()
    {
        if (SandboxCheck.Reason() is { } reason) Skip = reason;
    }
}

/// <summary>The data-driven twin of <see cref="KernelFactAttribute"/>.</summary>
public sealed class KernelTheoryAttribute : TheoryAttribute
{
    public KernelTheoryAttribute()
    {
        if (SandboxCheck.Reason() is { } reason) Skip = reason;
    }
}

internal static class SandboxCheck
{
    public static string? Reason()
    {
        if (Environment.UserName != "root" && !File.ReadAllText("/proc/self/status").Contains("Uid:\t0\t", StringComparison.Ordinal))
            return "kernel test skipped: needs root (CAP_NET_ADMIN and CAP_SYS_ADMIN) to make network namespaces";
        if (Environment.GetEnvironmentVariable("TOPO_SANDBOX") != "1")
            return "kernel test skipped: not inside the test sandbox (run through `dotnet test`, which uses tests/sandbox/kernel.runsettings)";
        return null;
    }
}
