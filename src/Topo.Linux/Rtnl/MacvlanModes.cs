namespace Topo.Linux.Rtnl;

/// <summary>The macvlan modes (enum macvlan_mode in linux/if_link.h) by the names <c>ip -d link</c> shows.</summary>
public static class MacvlanModes
{
    public const uint Private = 1;
    public const uint Vepa = 2;
    public const uint Bridge = 4;
    public const uint Passthru = 8;
    public const uint Source = 16;

    private static readonly ModeNames<uint> Names =
        new("a macvlan mode", (Private, "private"), (Vepa, "vepa"), (Bridge, "bridge"), (Passthru, "passthru"), (Source, "source"));

    public static string NameOf(uint mode) => Names.NameOf(mode);

    public static uint ValueOf(string name) => Names.ValueOf(name);
}
