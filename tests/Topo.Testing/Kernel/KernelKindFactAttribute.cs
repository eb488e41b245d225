using Xunit;

namespace Topo.Testing.Kernel;

/// <summary>
/// A kernel test of a link kind this kernel may lack (dummy, vlan, ipvlan): as <see cref="KernelFactAttribute"/>, and
/// skipped with the kernel's own answer where it has no such kind, never passed.
/// </summary>
public sealed class KernelKindFactAttribute : FactAttribute
{
    public KernelKindFactAttribute(string kind)
    {
        if ((SandboxCheck.Reason() ?? LinkKindProbe.Missing(kind)) is { } reason) Skip = reason;
    }
}

/// <summary>The data-driven twin of <see cref="KernelKindFactAttribute"/>.</summary>
public sealed class KernelKindTheoryAttribute : TheoryAttribute
{
    public KernelKindTheoryAttribute(string kind)
    {
        if ((SandboxCheck.Reason() ?? LinkKindProbe.Missing(kind)) is { } reason) Skip = reason;
    }
}
