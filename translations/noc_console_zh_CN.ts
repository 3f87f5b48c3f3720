<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AppOptions</name>
    <message>
        <source>NOC Console: topology, live alarms and trouble tickets, online and offline.

Commands:
  sync   fill the cache from the server and exit (use with --once)</source>
        <translation>NOC 控制台：拓扑、实时告警与故障工单，在线离线均可使用。

命令：
  sync   从服务器同步数据到缓存后退出（与 --once 一起使用）</translation>
    </message>
</context>
<context>
    <name>noc::AboutDialog</name>
    <message>
        <source>About NOC Console</source>
        <translation>关于 NOC 控制台</translation>
    </message>
    <message>
        <source>NOC Console</source>
        <translation>NOC 控制台</translation>
    </message>
    <message>
        <source>Topology, live alarms and trouble tickets for network operations, online and offline.</source>
        <translation>面向网络运维的拓扑、实时告警与故障工单，在线离线均可使用。</translation>
    </message>
    <message>
        <source>Built with:</source>
        <translation>构建组件：</translation>
    </message>
</context>
<context>
    <name>noc::MainWindow</name>
    <message>
        <source>NOC Console</source>
        <translation>NOC 控制台</translation>
    </message>
    <message>
        <source>No topology yet</source>
        <translation>尚无拓扑</translation>
    </message>
    <message>
        <source>The network map appears here once the cache holds network elements. Connect to an operations server, or start the console with --demo.</source>
        <translation>本地缓存中有网元后，网络拓扑图将显示在此处。请连接运维服务器，或使用 --demo 启动控制台。</translation>
    </message>
    <message>
        <source>No alarms in the cache</source>
        <translation>缓存中没有告警</translation>
    </message>
    <message>
        <source>Alarms appear here after the first sync with the operations server.</source>
        <translation>与运维服务器首次同步后，告警将显示在此处。</translation>
    </message>
    <message>
        <source>No trouble tickets in the cache</source>
        <translation>缓存中没有故障工单</translation>
    </message>
    <message>
        <source>Ticket queues appear here after the first sync.</source>
        <translation>首次同步后，工单队列将显示在此处。</translation>
    </message>
    <message>
        <source>Nothing selected</source>
        <translation>未选择任何对象</translation>
    </message>
    <message>
        <source>Select an alarm, a ticket or a network element to see its details.</source>
        <translation>选择告警、工单或网元以查看详情。</translation>
    </message>
    <message>
        <source>Alarms</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Reset Layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Alarms</source>
        <translation>告警(&amp;A)</translation>
    </message>
    <message>
        <source>No alarm actions until alarms are loaded</source>
        <translation>告警加载后才可执行告警操作</translation>
    </message>
    <message>
        <source>&amp;Tickets</source>
        <translation>工单(&amp;T)</translation>
    </message>
    <message>
        <source>No ticket actions until tickets are loaded</source>
        <translation>工单加载后才可执行工单操作</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About NOC Console</source>
        <translation>关于 NOC 控制台(&amp;A)</translation>
    </message>
    <message>
        <source>Offline · not connected</source>
        <translation>离线 · 未连接</translation>
    </message>
    <message>
        <source>No connection profile is active; the console shows the local cache.</source>
        <translation>没有启用的连接配置；控制台显示本地缓存数据。</translation>
    </message>
</context>
</TS>
