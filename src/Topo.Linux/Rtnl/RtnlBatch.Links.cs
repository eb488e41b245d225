using Topo.Linux.Namespaces;
using Topo.Linux.Netlink;

namespace Topo.Linux.Rtnl;

/// <summary>Making, changing, moving and deleting interfaces.</summary>
public sealed partial class RtnlBatch
{
    /// <summary>
    /// A veth pair in one request, each end named and placed straight in its namespace, with its
    /// MTU and MAC; the first end's up and master (a name in this namespace) ride along too.
    /// The kernel takes no alias when it makes a veth, and cannot bring the peer up while the pair
    /// is made (ENOTCONN): for an end that stays here those follow in the same batch; for an end
    /// placed elsewhere they are refused here (set them through that namespace's client).
    /// </summary>
    public RtnlBatch CreateVeth(VethEnd end, VethEnd peer)
    {
        var context = $"creating veth '{end.Name}' in namespace '{NameOf(end)}' (peer '{peer.Name}' in namespace '{NameOf(peer)}')";
        if (end.Namespace is not null && (end.Settings.Master is not null || end.Settings.Alias is not null))
            throw new ArgumentException($"{context}: set the master and alias of an end placed in another namespace through that namespace's client", nameof(end));
        if (peer.Namespace is not null && (peer.Settings.Up || peer.Settings.Alias is not null || peer.Settings.Master is not null))
            throw new ArgumentException($"{context}: set the master, alias and up of a peer placed in another namespace through that namespace's client", nameof(peer));

        var mac = MacOf(end.Settings);
        var peerMac = MacOf(peer.Settings);
        // The peer's master is looked up with the pair: when it is missing, the pair is not made.
        Queue(RtnlTypes.NewLink, NetlinkProtocol.Create | NetlinkProtocol.Exclusive, context, [end.Settings.Master, peer.Settings.Master], indexes =>
        {
            LinkHeader(end.Settings.Up);
            W.String(Ifla.IfName, end.Name);
            if (end.Namespace is { } ns) W.U32(Ifla.NetNsFd, (uint)ns.Fd);
            Settings(end.Settings, mac, indexes[0]);
            var info = W.BeginNested(Ifla.LinkInfo);
            W.String(Ifla.InfoKind, "veth");
            var data = W.BeginNested(Ifla.InfoData);
            var peerInfo = W.BeginContainer(Ifla.VethInfoPeer);
            W.Struct(new IfInfoMsg());
            W.String(Ifla.IfName, peer.Name);
            if (peer.Namespace is { } pns) W.U32(Ifla.NetNsFd, (uint)pns.Fd);
            Settings(peer.Settings with { Master = null }, peerMac, 0);
            W.EndNested(peerInfo);
            W.EndNested(data);
            W.EndNested(info);
        });

        if (end.Settings.Alias is { } alias) SetAlias(end.Name, alias);
        if (peer.Namespace is null)
        {
            if (peer.Settings.Alias is { } peerAlias) SetAlias(peer.Name, peerAlias);
            if (peer.Settings.Master is { } peerMaster) SetMaster(peer.Name, peerMaster);
            if (peer.Settings.Up) SetUp(peer.Name, true);
        }

        return this;
    }

    /// <summary>
    /// A macvlan on <paramref name="parent"/> (a name in this namespace) in one request, placed straight
    /// in <paramref name="target"/> when that is given. As for a veth, the alias always follows in a request
    /// of its own, and for a device placed elsewhere the alias and up are set through that namespace's client.
    /// </summary>
    public RtnlBatch CreateMacvlan(string name, string parent, NetnsHandle? target, uint mode, LinkOptions? options = null) =>
        CreateLink("macvlan", name, parent, target, options, $"creating macvlan '{name}' on '{parent}' in {Here}" + For(target), () => W.U32(Ifla.MacvlanMode, mode));

    /// <summary>
    /// A VXLAN device made here, whose UDP socket stays in this namespace, placed straight in <paramref name="target"/>
    /// when given, sending by <paramref name="dev"/> (a name here) when given. The port is always sent: without one
    /// the kernel takes its own pre-IANA default, 8472.
    /// </summary>
    public RtnlBatch CreateVxlan(string name, NetnsHandle? target, VxlanInfo tunnel, string? dev, LinkOptions? options = null)
    {
        var settings = options ?? LinkOptions.None;
        var context = $"creating vxlan '{name}' (id {tunnel.Vni}) in {Here}" + For(target);
        RefusePlaced(context, target, settings);
        var mac = MacOf(settings);
        Queue(RtnlTypes.NewLink, NetlinkProtocol.Create | NetlinkProtocol.Exclusive, context, [settings.Master, dev], indexes =>
        {
            LinkHeader(settings.Up);
            W.String(Ifla.IfName, name);
            if (target is not null) W.U32(Ifla.NetNsFd, (uint)target.Fd);
            Settings(settings, mac, indexes[0]);
            var info = W.BeginNested(Ifla.LinkInfo);
            W.String(Ifla.InfoKind, "vxlan");
            var data = W.BeginNested(Ifla.InfoData);
            W.U32(Ifla.VxlanId, tunnel.Vni);
            if (dev is not null) W.U32(Ifla.VxlanLink, (uint)indexes[1]);
            if (tunnel.Remote is { } remote) W.Attribute(remote.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? Ifla.VxlanGroup : Ifla.VxlanGroup6, remote.GetAddressBytes());
            if (tunnel.Local is { } local) W.Attribute(local.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? Ifla.VxlanLocal : Ifla.VxlanLocal6, local.GetAddressBytes());
            BigEndianU16(Ifla.VxlanPort, tunnel.Port);
            W.EndNested(data);
            W.EndNested(info);
        });
        return settings.Alias is { } alias ? SetAlias(name, alias) : this;
    }

    public RtnlBatch CreateBridge(string name, LinkOptions? options = null) =>
        CreateLink("bridge", name, null, null, options, $"creating bridge '{name}' in {Here}", null);

    public RtnlBatch SetUp(string name, bool up) =>
        Queue(RtnlTypes.NewLink, 0, $"setting '{name}' {(up ? "up" : "down")} in {Here}", [], _ =>
        {
            W.Struct(new IfInfoMsg { Flags = up ? Ifla.FlagUp : 0, Change = Ifla.FlagUp });
            W.String(Ifla.IfName, name);
        });

    /// <summary>Enslaves <paramref name="name"/> to <paramref name="master"/>, or frees it when that is <c>null</c>.</summary>
    public RtnlBatch SetMaster(string name, string? master) =>
        Modify(name, MasterContext(name, master), [master], indexes => W.U32(Ifla.Master, (uint)indexes[0]));

    public RtnlBatch SetMtu(string name, int mtu) =>
        Modify(name, $"setting the MTU of '{name}' to {mtu} in {Here}", [], _ => W.U32(Ifla.Mtu, (uint)mtu));

    public RtnlBatch SetMac(string name, string mac)
    {
        var bytes = MacAddress.Parse(mac);
        return Modify(name, $"setting the MAC of '{name}' to {mac} in {Here}", [], _ => W.Attribute(Ifla.Address, bytes));
    }

    /// <summary>
    /// Turns a bridge port's hairpin mode on or off, as <c>ip link set NAME type bridge_slave hairpin on</c>
    /// does: the port's master reads the mode from the slave data of a request that names the port,
    /// so it can follow the enslaving request in the same batch with no index to look up.
    /// </summary>
    public RtnlBatch SetHairpin(string name, bool on) =>
        Modify(name, $"turning hairpin mode {(on ? "on" : "off")} on bridge port '{name}' in {Here}", [], _ =>
        {
            var info = W.BeginNested(Ifla.LinkInfo);
            W.String(Ifla.InfoSlaveKind, "bridge");
            var data = W.BeginNested(Ifla.InfoSlaveData);
            W.U8(Ifla.BrportMode, on ? (byte)1 : (byte)0);
            W.EndNested(data);
            W.EndNested(info);
        });

    /// <summary>Sets the alias (topo's ownership mark), or clears it when <paramref name="alias"/> is <c>null</c>.</summary>
    public RtnlBatch SetAlias(string name, string? alias) =>
        Modify(name, $"setting the alias of '{name}' in {Here}", [], _ =>
        {
            if (alias is null) W.Attribute(Ifla.IfAlias, []);
            else W.String(Ifla.IfAlias, alias);
        });

    public RtnlBatch Rename(string name, string newName) =>
        Queue(RtnlTypes.NewLink, 0, $"renaming '{name}' to '{newName}' in {Here}", [name], indexes =>
        {
            W.Struct(new IfInfoMsg { Index = indexes[0] });
            W.String(Ifla.IfName, newName);
        }, indexes =>
        {
            _indexes.Remove(name);
            _indexes.TryAdd(newName, indexes[0]);
        });

    /// <summary>Moves an interface to another namespace, keeping its name (the kernel puts it down).</summary>
    public RtnlBatch MoveTo(string name, NetnsHandle target) =>
        Modify(name, $"moving '{name}' from {Here} to namespace '{target.Name}'", [], _ => W.U32(Ifla.NetNsFd, (uint)target.Fd), _ => _indexes.Remove(name));

    /// <summary>Deletes an interface; for a veth the peer goes too, wherever it is.</summary>
    public RtnlBatch Delete(string name) =>
        Queue(RtnlTypes.DelLink, 0, $"deleting '{name}' in {Here}", [], _ =>
        {
            W.Struct(new IfInfoMsg());
            W.String(Ifla.IfName, name);
        }, _ => _indexes.Remove(name));

    /// <summary>
    /// A device of <paramref name="kind"/> in one request, on <paramref name="parent"/> (a name here) when given, placed
    /// straight in <paramref name="target"/> when given; <paramref name="data"/> writes the kind's IFLA_INFO_DATA, when it has any.
    /// As for a veth, the alias always follows in a request of its own, and for a device placed elsewhere the alias
    /// and up are set through that namespace's client.
    /// </summary>
    private RtnlBatch CreateLink(string kind, string name, string? parent, NetnsHandle? target, LinkOptions? options, string context, Action? data)
    {
        var settings = options ?? LinkOptions.None;
        RefusePlaced(context, target, settings);
        var mac = MacOf(settings);
        Queue(RtnlTypes.NewLink, NetlinkProtocol.Create | NetlinkProtocol.Exclusive, context, [parent, settings.Master], indexes =>
        {
            LinkHeader(settings.Up);
            W.String(Ifla.IfName, name);
            if (parent is not null) W.U32(Ifla.Link, (uint)indexes[0]);
            if (target is not null) W.U32(Ifla.NetNsFd, (uint)target.Fd);
            Settings(settings, mac, indexes[1]);
            var info = W.BeginNested(Ifla.LinkInfo);
            W.String(Ifla.InfoKind, kind);
            if (data is not null)
            {
                var nested = W.BeginNested(Ifla.InfoData);
                data();
                W.EndNested(nested);
            }

            W.EndNested(info);
        });
        return settings.Alias is { } alias ? SetAlias(name, alias) : this;
    }

    // A device placed elsewhere is not here for the requests that follow it by name (alias, up), and a master named here is not there.
    private static void RefusePlaced(string context, NetnsHandle? target, LinkOptions settings)
    {
        if (target is not null && (settings.Up || settings.Alias is not null || settings.Master is not null))
            throw new ArgumentException($"{context}: set the master, alias and up of a device placed in another namespace through that namespace's client", "options");
    }

    private static string For(NetnsHandle? target) => target is null ? "" : $" for namespace '{target.Name}'";

    // Ports and protocol numbers go in network byte order (a vxlan's port, a vlan's protocol, an FDB entry's port).
    private void BigEndianU16(ushort type, ushort value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(ushort)];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        W.Attribute(type, bytes);
    }

    private void U16(ushort type, ushort value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(ushort)];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        W.Attribute(type, bytes);
    }

    private string MasterContext(string name, string? master) =>
        master is null ? $"releasing '{name}' from its master in {Here}" : $"enslaving '{name}' to '{master}' in {Here}";

    // A change to an interface named in the request, so that it needs no index of its own.
    private RtnlBatch Modify(string name, string context, string?[] names, Action<int[]> attributes, Action<int[]>? written = null) =>
        Queue(RtnlTypes.NewLink, 0, context, names, indexes =>
        {
            W.Struct(new IfInfoMsg());
            W.String(Ifla.IfName, name);
            attributes(indexes);
        }, written);

    private void LinkHeader(bool up) =>
        W.Struct(new IfInfoMsg { Flags = up ? Ifla.FlagUp : 0, Change = up ? Ifla.FlagUp : 0 });

    // Parsed as the request is queued: a bad MAC is the caller's mistake, told before anything is sent.
    private static byte[]? MacOf(LinkOptions settings) => settings.Mac is { } mac ? MacAddress.Parse(mac) : null;

    // The kernel ignores IFLA_IFALIAS in a request that creates a link: the alias is always a request of its own.
    private void Settings(LinkOptions settings, byte[]? mac, int master)
    {
        if (settings.Mtu is { } mtu) W.U32(Ifla.Mtu, (uint)mtu);
        if (mac is not null) W.Attribute(Ifla.Address, mac);
        if (settings.Master is not null) W.U32(Ifla.Master, (uint)master);
    }

    private string NameOf(VethEnd end) => end.Namespace?.Name ?? _client.Namespace;
}
