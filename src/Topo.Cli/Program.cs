namespace Topo.Cli;

internal static class Program
{
    private static int Main(string[] args) =>
        TopoApp.Run(args, new Terminal(Console.Out, Console.Error, !Console.IsOutputRedirected), SshEnvironment.Apply(new Topo.Linux.KernelOptions()));
}
