using System.Net;
using System.Net.Sockets;
using Topo.Linux.Namespaces;
using Topo.Linux.Netlink;

namespace Topo.Linux.Rtnl;

/// <summary>
/// Link, address and route changes in one namespace, queued and then sent together by
/// <see cref="Commit"/>: one round trip for the lot. Interfaces are named; where the kernel
/// wants an index (a master, an address, a route, a rename) it is looked up when the change is
/// queued, from one link dump. A name that is not there yet may be made by a change queued
/// before it: the queued changes are then sent first (a round trip more) and the name looked up again.
/// </summary>
public sealed class RtnlBatch
{
    private readonly RtnlClient _client;
    private readonly NetlinkBatch _batch;
    private Dictionary<string, int>? _indexes;

    internal RtnlBatch(RtnlClient client)
    {
        _client = client;
        _batch = client.Channel.Batch();
    }

    public int Count => _batch.Count;

    /// <summary>After a commit threw: the position of the refused request among all this batch has queued.</summary>
    public int? FailedAt => _batch.FailedAt;

    private NetlinkWriter W => _batch.Writer;

    private string Here => $"namespace '{_client.Namespace}'";

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

        int? master = end.Settings.Master is { } m ? IndexOf(m, context) : null;
        int? peerMaster = peer.Settings.Master is { } pm ? IndexOf(pm, context) : null;

        _batch.Begin(RtnlTypes.NewLink, NetlinkProtocol.Create | NetlinkProtocol.Exclusive, context);
        LinkHeader(end.Settings.Up);
        W.String(Ifla.IfName, end.Name);
        if (end.Namespace is { } ns) W.U32(Ifla.NetNsFd, (uint)ns.Fd);
        Settings(end.Settings, master);
        var info = W.BeginNested(Ifla.LinkInfo);
        W.String(Ifla.InfoKind, "veth");
        var data = W.BeginNested(Ifla.InfoData);
        var peerInfo = W.BeginContainer(Ifla.VethInfoPeer);
        W.Struct(new IfInfoMsg());
        W.String(Ifla.IfName, peer.Name);
        if (peer.Namespace is { } pns) W.U32(Ifla.NetNsFd, (uint)pns.Fd);
        Settings(peer.Settings, null);
        W.EndNested(peerInfo);
        W.EndNested(data);
        W.EndNested(info);
        _batch.End();

        if (end.Settings.Alias is { } alias) SetAlias(end.Name, alias);
        if (peer.Namespace is null)
        {
            if (peer.Settings.Alias is { } peerAlias) SetAlias(peer.Name, peerAlias);
            if (peerMaster is { } pmi) Modify(peer.Name, $"enslaving '{peer.Name}' to '{peer.Settings.Master}' in {Here}", () => W.U32(Ifla.Master, (uint)pmi));
            if (peer.Settings.Up) SetUp(peer.Name, true);
        }

        return this;
    }

    /// <summary>
    /// A macvlan on <paramref name="parent"/> (a name in this namespace) in one request, placed straight
    /// in <paramref name="target"/> when that is given. As for a veth, the alias always follows in a request
    /// of its own, and for a device placed elsewhere the alias and up are set through that namespace's client.
    /// </summary>
    public RtnlBatch CreateMacvlan(string name, string parent, NetnsHandle? target, uint mode, LinkOptions? options = null)
    {
        var settings = options ?? LinkOptions.None;
        var context = $"creating macvlan '{name}' on '{parent}' in {Here}" + (target is null ? "" : $" for namespace '{target.Name}'");
        if (target is not null && (settings.Up || settings.Alias is not null || settings.Master is not null))
            throw new ArgumentException($"{context}: set the master, alias and up of a device placed in another namespace through that namespace's client", nameof(options));
        var link = IndexOf(parent, context);
        int? master = settings.Master is { } m ? IndexOf(m, context) : null;
        _batch.Begin(RtnlTypes.NewLink, NetlinkProtocol.Create | NetlinkProtocol.Exclusive, context);
        LinkHeader(settings.Up);
        W.String(Ifla.IfName, name);
        W.U32(Ifla.Link, (uint)link);
        if (target is not null) W.U32(Ifla.NetNsFd, (uint)target.Fd);
        Settings(settings, master);
        var info = W.BeginNested(Ifla.LinkInfo);
        W.String(Ifla.InfoKind, "macvlan");
        var data = W.BeginNested(Ifla.InfoData);
        W.U32(Ifla.MacvlanMode, mode);
        W.EndNested(data);
        W.EndNested(info);
        _batch.End();
        return settings.Alias is { } alias ? SetAlias(name, alias) : this;
    }

    public RtnlBatch CreateBridge(string name, LinkOptions? options = null)
    {
        var settings = options ?? LinkOptions.None;
        var context = $"creating bridge '{name}' in {Here}";
        int? master = settings.Master is { } m ? IndexOf(m, context) : null;
        _batch.Begin(RtnlTypes.NewLink, NetlinkProtocol.Create | NetlinkProtocol.Exclusive, context);
        LinkHeader(settings.Up);
        W.String(Ifla.IfName, name);
        Settings(settings, master);
        var info = W.BeginNested(Ifla.LinkInfo);
        W.String(Ifla.InfoKind, "bridge");
        W.EndNested(info);
        _batch.End();
        return settings.Alias is { } alias ? SetAlias(name, alias) : this;
    }

    public RtnlBatch SetUp(string name, bool up)
    {
        _batch.Begin(RtnlTypes.NewLink, 0, $"setting '{name}' {(up ? "up" : "down")} in {Here}");
        var header = new IfInfoMsg { Flags = up ? Ifla.FlagUp : 0, Change = Ifla.FlagUp };
        W.Struct(header);
        W.String(Ifla.IfName, name);
        _batch.End();
        return this;
    }

    /// <summary>Enslaves <paramref name="name"/> to <paramref name="master"/>, or frees it when that is <c>null</c>.</summary>
    public RtnlBatch SetMaster(string name, string? master)
    {
        var context = MasterContext(name, master);
        var index = master is null ? 0 : IndexOf(master, context);
        return Modify(name, context, () => W.U32(Ifla.Master, (uint)index));
    }

    /// <summary>
    /// Looks up <paramref name="master"/> now, as <see cref="SetMaster"/> would, failing the same way
    /// when it is not there: a caller queuing several requests for one object calls this first, so
    /// that a missing master leaves none of them queued.
    /// </summary>
    public RtnlBatch ExpectMaster(string name, string master)
    {
        IndexOf(master, MasterContext(name, master));
        return this;
    }

    public RtnlBatch SetMtu(string name, int mtu) =>
        Modify(name, $"setting the MTU of '{name}' to {mtu} in {Here}", () => W.U32(Ifla.Mtu, (uint)mtu));

    public RtnlBatch SetMac(string name, string mac) =>
        Modify(name, $"setting the MAC of '{name}' to {mac} in {Here}", () => W.Attribute(Ifla.Address, MacAddress.Parse(mac)));

    /// <summary>
    /// Turns a bridge port's hairpin mode on or off, as <c>ip link set NAME type bridge_slave hairpin on</c>
    /// does: the port's master reads the mode from the slave data of a request that names the port,
    /// so it can follow the enslaving request in the same batch with no index to look up.
    /// </summary>
    public RtnlBatch SetHairpin(string name, bool on) =>
        Modify(name, $"turning hairpin mode {(on ? "on" : "off")} on bridge port '{name}' in {Here}", () =>
        {
            var info = W.BeginNested(Ifla.LinkInfo);
            W.String(Ifla.InfoSlaveKind, "bridge");
            var data = W.BeginNested(Ifla.InfoSlaveData);
            W.U8(Ifla.BrportMode, on ? (byte)1 : (byte)0);
            W.EndNested(data);
            W.EndNested(info);
        });

    /// <summary>The next request goes in the same datagram as the one before it (see <see cref="NetlinkBatch.KeepWithPrevious"/>).</summary>
    public RtnlBatch WithPrevious()
    {
        _batch.KeepWithPrevious();
        return this;
    }

    /// <summary>Sets the alias (topo's ownership mark), or clears it when <paramref name="alias"/> is <c>null</c>.</summary>
    public RtnlBatch SetAlias(string name, string? alias) =>
        Modify(name, $"setting the alias of '{name}' in {Here}", () =>
        {
            if (alias is null) W.Attribute(Ifla.IfAlias, []);
            else W.String(Ifla.IfAlias, alias);
        });

    public RtnlBatch Rename(string name, string newName)
    {
        var context = $"renaming '{name}' to '{newName}' in {Here}";
        var index = IndexOf(name, context);
        _batch.Begin(RtnlTypes.NewLink, 0, context);
        W.Struct(new IfInfoMsg { Index = index });
        W.String(Ifla.IfName, newName);
        _batch.End();
        _indexes?.Remove(name);
        _indexes?.TryAdd(newName, index);
        return this;
    }

    /// <summary>Moves an interface to another namespace, keeping its name (the kernel puts it down).</summary>
    public RtnlBatch MoveTo(string name, NetnsHandle target)
    {
        Modify(name, $"moving '{name}' from {Here} to namespace '{target.Name}'", () => W.U32(Ifla.NetNsFd, (uint)target.Fd));
        _indexes?.Remove(name);
        return this;
    }

    /// <summary>Deletes an interface; for a veth the peer goes too, wherever it is.</summary>
    public RtnlBatch Delete(string name)
    {
        _batch.Begin(RtnlTypes.DelLink, 0, $"deleting '{name}' in {Here}");
        W.Struct(new IfInfoMsg());
        W.String(Ifla.IfName, name);
        _batch.End();
        _indexes?.Remove(name);
        return this;
    }

    /// <summary>Puts the interface with index <paramref name="index"/> (named <paramref name="name"/>) in link group <paramref name="group"/>, as <c>ip link set NAME group N</c> does.</summary>
    public RtnlBatch SetGroup(int index, string name, uint group)
    {
        _batch.Begin(RtnlTypes.NewLink, 0, $"putting '{name}' in link group {group} in {Here}");
        W.Struct(new IfInfoMsg { Index = index });
        W.U32(Ifla.Group, group);
        _batch.End();
        return this;
    }

    /// <summary>
    /// Deletes every interface in link group <paramref name="group"/> with one request, as
    /// <c>ip link delete group N</c> does (veth peers go too, wherever they are). The kernel refuses
    /// group 0, and the whole request when one member is a kind it cannot delete.
    /// </summary>
    public RtnlBatch DeleteGroup(uint group)
    {
        _batch.Begin(RtnlTypes.DelLink, 0, $"deleting link group {group} in {Here}");
        W.Struct(new IfInfoMsg());
        W.U32(Ifla.Group, group);
        _batch.End();
        _indexes = null;
        return this;
    }

    public RtnlBatch AddAddress(string device, string cidr) =>
        Address(RtnlTypes.NewAddr, NetlinkProtocol.Create | NetlinkProtocol.Exclusive, device, cidr, $"adding address {cidr} to '{device}' in {Here}");

    public RtnlBatch DeleteAddress(string device, string cidr) =>
        Address(RtnlTypes.DelAddr, 0, device, cidr, $"deleting address {cidr} from '{device}' in {Here}");

    public RtnlBatch AddRoute(RouteSpec route) =>
        Route(RtnlTypes.NewRoute, NetlinkProtocol.Create | NetlinkProtocol.Exclusive, route, "adding");

    /// <summary>Adds the route, or replaces the one to the same destination.</summary>
    public RtnlBatch ReplaceRoute(RouteSpec route) =>
        Route(RtnlTypes.NewRoute, NetlinkProtocol.Create | NetlinkProtocol.Replace, route, "replacing");

    public RtnlBatch DeleteRoute(RouteSpec route) => Route(RtnlTypes.DelRoute, 0, route, "deleting");

    /// <summary>Sends every queued change and waits for all acks; throws the first failure with its own context.</summary>
    public void Commit() => _batch.Commit();

    private string MasterContext(string name, string? master) =>
        master is null ? $"releasing '{name}' from its master in {Here}" : $"enslaving '{name}' to '{master}' in {Here}";

    private RtnlBatch Modify(string name, string context, Action attributes)
    {
        _batch.Begin(RtnlTypes.NewLink, 0, context);
        W.Struct(new IfInfoMsg());
        W.String(Ifla.IfName, name);
        attributes();
        _batch.End();
        return this;
    }

    private RtnlBatch Address(ushort type, ushort flags, string device, string cidr, string context)
    {
        var prefix = IpPrefix.Parse(cidr);
        var index = IndexOf(device, context);
        _batch.Begin(type, flags, context);
        W.Struct(new IfAddrMsg { Family = prefix.FamilyNumber, PrefixLength = (byte)prefix.Length, Index = index });
        var bytes = prefix.Address.GetAddressBytes();
        W.Attribute(Ifa.Local, bytes);
        W.Attribute(Ifa.Address, bytes);
        if (type == RtnlTypes.NewAddr && prefix.Broadcast() is { } broadcast) W.Attribute(Ifa.Broadcast, broadcast.GetAddressBytes());
        _batch.End();
        return this;
    }

    private RtnlBatch Route(ushort type, ushort flags, RouteSpec route, string verb)
    {
        var context = $"{verb} route {route.To}" + (route.Via is null ? "" : $" via {route.Via}") +
                      (route.Device is null ? "" : $" dev {route.Device}") + $" in {Here}";
        var gateway = route.Via is null ? null : IPAddress.Parse(route.Via);
        var destination = IpPrefix.ParseDestination(route.To, gateway?.AddressFamily ?? AddressFamily.InterNetwork);
        int? device = route.Device is { } d ? IndexOf(d, context) : null;
        var deleting = type == RtnlTypes.DelRoute;
        _batch.Begin(type, flags, context);
        W.Struct(new RtMsg
        {
            Family = destination.FamilyNumber,
            DstLength = (byte)destination.Length,
            Table = Rta.TableMain,
            // Link scope without a gateway, as ip does; a delete matches any protocol unless told to take only topo's.
            Protocol = deleting && !route.MarkedOnly ? (byte)0 : Rta.ProtoTopo,
            Scope = deleting ? Rta.ScopeNowhere : gateway is null ? Rta.ScopeLink : Rta.ScopeUniverse,
            Type = deleting ? (byte)0 : Rta.TypeUnicast,
        });
        if (destination.Length > 0) W.Attribute(Rta.Dst, destination.Address.GetAddressBytes());
        if (gateway is not null) W.Attribute(Rta.Gateway, gateway.GetAddressBytes());
        if (device is { } oif) W.U32(Rta.Oif, (uint)oif);
        _batch.End();
        return this;
    }

    private void LinkHeader(bool up) =>
        W.Struct(new IfInfoMsg { Flags = up ? Ifla.FlagUp : 0, Change = up ? Ifla.FlagUp : 0 });

    // The kernel ignores IFLA_IFALIAS in a request that creates a link: the alias is always a request of its own.
    private void Settings(LinkOptions settings, int? master)
    {
        if (settings.Mtu is { } mtu) W.U32(Ifla.Mtu, (uint)mtu);
        if (settings.Mac is { } mac) W.Attribute(Ifla.Address, MacAddress.Parse(mac));
        if (master is { } m) W.U32(Ifla.Master, (uint)m);
    }

    private string NameOf(VethEnd end) => end.Namespace?.Name ?? _client.Namespace;

    // One request for the one name, not a dump of every link: in a namespace of hundreds of links
    // (a bridge's ports) a dump per step made a plan quadratic.
    private int IndexOf(string name, string context)
    {
        _indexes ??= new Dictionary<string, int>(StringComparer.Ordinal);
        if (_indexes.TryGetValue(name, out var index)) return index;
        if (_client.IndexOf(name) is { } found)
        {
            _indexes[name] = found;
            return found;
        }

        if (_batch.Unsent > 0)
        {
            _batch.Commit();
            return IndexOf(name, context);
        }

        throw new KernelException(context, Errors.ENODEV, $"no interface '{name}' in {Here}");
    }
}
