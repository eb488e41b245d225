using System.Globalization;
using Topo.Core.State;
using Topo.Core.Kinds;

namespace Topo.Core.Explain;

/// <summary>
/// Bridges and veth pairs by hand, in the order topo's kernel steps go: make the device, mark it
/// as the lab's with its alias, enslave it, set hairpin (a bridge-port setting, so after master), bring it up.
/// </summary>
internal static class LinkCommands
{
    public static IEnumerable<string> CreateBridge(BridgeResource bridge, string mark)
    {
        var d = bridge.Device;
        yield return $"{Where.Ip(d.Namespace)} link add {Q(d.Name)}{Options(d)} type bridge";
        // Before it is up, as topo does: its IPv6 link-local address then needs no DAD, and the kernel can
        // resolve a node's address for a packet it forwards into the bridge at once.
        yield return $"{Where.Exec(d.Namespace)}sysctl -qw {ShellWords.Quote($"net.ipv6.conf.{d.Name}.accept_dad=0")}";
        foreach (var line in Finish(d, mark)) yield return line;
    }

    /// <summary>One <c>ip link add</c> makes the pair with each end in its namespace; the rest is per end, in its namespace.</summary>
    public static IEnumerable<string> CreateVeth(VethResource veth, string mark)
    {
        var (a, b) = (veth.A, veth.B);
        // A sorts first, so when either end is in the host, A is: the peer always has a namespace to name.
        var peerNs = b.Namespace == a.Namespace ? "" : $" netns {Q(b.Namespace.Id)}";
        yield return $"{Where.Ip(a.Namespace)} link add {Q(a.Name)}{Options(a)} type veth peer name {Q(b.Name)}{peerNs}{Options(b)}";
        foreach (var line in Finish(a, mark)) yield return line;
        foreach (var line in Finish(b, mark)) yield return line;
    }

    /// <summary>
    /// Made in its parent's namespace, since <c>link</c> names an interface there, and placed straight
    /// into its own with <c>netns</c>; marked and brought up there.
    /// </summary>
    public static IEnumerable<string> CreateStacked(StackedDevice stacked, string mark)
    {
        var d = stacked.Device;
        var parent = stacked.Parent ?? throw new ArgumentException($"{stacked.Describe()} has no parent to make it on");
        var netns = d.Namespace == parent.Namespace ? "" : $" netns {Q(d.Namespace.Display)}";
        yield return $"{Where.Ip(parent.Namespace)} link add {Q(d.Name)} link {Q(parent.Name)}{netns}{Options(d)} type {stacked.Kind} {stacked.TypeOptions}";
        foreach (var line in Finish(d, mark)) yield return line;
    }

    public static string Delete(LinkEnd device) => $"{Where.Ip(device.Namespace)} link del {Q(device.Name)}";

    /// <summary>The changed settings of one device, in the order given, each as its own <c>ip link set</c> with the device's own value.</summary>
    public static IEnumerable<string> Update(LinkEnd device, IEnumerable<LinkSetting> settings, string mark) =>
        settings.Select(s => Set(device, s switch
        {
            LinkSetting.Marked => $"alias {Q(mark)}",
            LinkSetting.Master => $"master {Q(Value(device.Master, device, s))}",
            LinkSetting.Mtu => $"mtu {Value(device.Mtu, device, s).ToString(CultureInfo.InvariantCulture)}",
            LinkSetting.Mac => $"address {Q(Value(device.Mac, device, s))}",
            LinkSetting.Hairpin => $"type bridge_slave hairpin {(Value(device.Hairpin, device, s) ? "on" : "off")}",
            _ => Value(device.Up, device, s) ? "up" : "down",
        }));

    public static IEnumerable<string> Finish(LinkEnd end, string mark)
    {
        yield return Set(end, $"alias {Q(mark)}");
        if (end.Master is { } master) yield return Set(end, $"master {Q(master)}");
        if (end.Hairpin == true) yield return Set(end, "type bridge_slave hairpin on");
        if (end.Up == true) yield return Set(end, "up");
    }

    private static string Set(LinkEnd device, string what) => $"{Where.Ip(device.Namespace)} link set {Q(device.Name)} {what}";

    // A changed setting is one the file manages, so the device holds its new value.
    private static T Value<T>(T? value, LinkEnd device, LinkSetting setting) where T : class =>
        value ?? throw new ArgumentException($"no new value for '{LinkSettings.Name(setting)}' of {device.Display}");

    private static T Value<T>(T? value, LinkEnd device, LinkSetting setting) where T : struct =>
        value ?? throw new ArgumentException($"no new value for '{LinkSettings.Name(setting)}' of {device.Display}");

    /// <summary>Settings the kernel takes when the device is made.</summary>
    public static string Options(LinkEnd end) =>
        (end.Mtu is { } mtu ? $" mtu {mtu.ToString(CultureInfo.InvariantCulture)}" : "") + (end.Mac is { } mac ? $" address {Q(mac)}" : "");

    private static string Q(string word) => ShellWords.Quote(word);
}
