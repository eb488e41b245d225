using Topo.Core.Export;
using Topo.Core.State;
using Topo.Linux;
using Topo.Linux.Read;

namespace Topo.Cli.Output;

/// <summary>
/// What <c>inspect</c> and <c>export</c> share: refuse without privileges, read the kernel's state, and turn
/// a kernel error into one line and exit 1. They read only, so they need no session, lock or lab name.
/// </summary>
public static class InspectGuard
{
    public static int Run(Terminal terminal, KernelOptions options, NamespaceChoice choice, Func<LabState, int> body)
    {
        if (Privileges.Missing() is { } why)
        {
            terminal.Error.WriteLine($"topo: {why}");
            return ExitCodes.Error;
        }

        LabState view;
        try
        {
            view = HostFocus.Apply(KernelInspector.Read(options, choice), choice.Lab);
        }
        catch (KernelException e)
        {
            terminal.Error.WriteLine($"topo: {e.Message}");
            return ExitCodes.Error;
        }

        return body(view);
    }
}
