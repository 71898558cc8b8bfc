// The admin home page's "Cổng thông tin" widget: is the public portal up to date with what was
// published? Reads GET /content-manager/portal-status (cms/src/portal-status.ts) every 15 s.
// Every state is said in words, so it reads without colour.
import { useEffect, useState } from 'react';
import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';

interface Waiting {
  occurredAt: string;
  action: string;
  articleTitle: string;
  actor: string;
}

interface PortalStatus {
  state: 'ok' | 'building' | 'failed' | 'unknown' | 'unreachable' | 'not-configured';
  building: { since: string } | null;
  lastSuccess: { finishedAt: string } | null;
  lastFailure: { finishedAt: string; reason: string; detail: string } | null;
  waiting: Waiting[];
}

const clock = new Intl.DateTimeFormat('vi-VN', { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'Asia/Ho_Chi_Minh' });
const day = new Intl.DateTimeFormat('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' });
/** "07:38:20 ngày 06/12/2026", in Vietnam's time. */
const time = (iso: string) => `${clock.format(new Date(iso))} ngày ${day.format(new Date(iso))}`;

const HEADLINE: Record<PortalStatus['state'], { text: string; variant: 'success' | 'secondary' | 'danger' | 'warning' | 'neutral' }> = {
  ok: { text: 'Đã cập nhật', variant: 'success' },
  building: { text: 'Đang cập nhật', variant: 'secondary' },
  failed: { text: 'Cập nhật không thành công', variant: 'danger' },
  unknown: { text: 'Chưa dựng lần nào', variant: 'neutral' },
  unreachable: { text: 'Không liên lạc được với trình dựng trang', variant: 'warning' },
  'not-configured': { text: 'Chưa nối với trình dựng trang', variant: 'neutral' },
};

export function PortalStatusWidget() {
  const { get } = useFetchClient();
  const [status, setStatus] = useState<PortalStatus | null>(null);
  const [error, setError] = useState(false);

  useEffect(() => {
    let active = true;
    const load = async () => {
      try {
        const { data } = await get<PortalStatus>('/content-manager/portal-status');
        if (active) {
          setStatus(data);
          setError(false);
        }
      } catch {
        if (active) setError(true);
      }
    };
    void load();
    const timer = setInterval(load, 15_000);
    return () => {
      active = false;
      clearInterval(timer);
    };
  }, [get]);

  if (error) return <Typography>Không đọc được trạng thái cổng thông tin. Tải lại trang để thử lại.</Typography>;
  if (!status) return <Typography>Đang đọc trạng thái cổng thông tin…</Typography>;
  const headline = HEADLINE[status.state];
  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-portal-status={status.state}>
      <Flex gap={2}>
        <Badge variant={headline.variant}>{headline.text}</Badge>
      </Flex>
      {status.lastSuccess ? <Typography>Cổng thông tin cập nhật thành công lần gần nhất lúc {time(status.lastSuccess.finishedAt)}.</Typography> : null}
      {status.building ? <Typography>Đang dựng lại cổng thông tin, bắt đầu lúc {time(status.building.since)}.</Typography> : null}
      {status.lastFailure ? (
        <Box>
          <Typography tag="p" fontWeight="bold">
            Lần cập nhật lúc {time(status.lastFailure.finishedAt)} không thành công: {status.lastFailure.reason}
          </Typography>
          <Typography tag="p">
            Người dân vẫn xem được bản cũ của cổng thông tin
            {status.lastSuccess ? ` (cập nhật lúc ${time(status.lastSuccess.finishedAt)})` : ''}; những thay đổi dưới đây chưa lên cổng.
          </Typography>
          <Typography tag="p" variant="pi" textColor="neutral600">
            Chi tiết kỹ thuật: {status.lastFailure.detail}
          </Typography>
        </Box>
      ) : null}
      {status.state === 'unreachable' ? (
        <Typography>Cán bộ CNTT cần kiểm tra dịch vụ trình dựng trang (loa-phuong-builder). Xem docs/van-hanh.md.</Typography>
      ) : null}
      {status.waiting.length ? (
        <Box>
          <Typography tag="h3" fontWeight="bold">
            Đang chờ lên cổng thông tin ({status.waiting.length}):
          </Typography>
          <ul>
            {status.waiting.map((entry) => (
              <li key={`${entry.occurredAt}-${entry.articleTitle}`}>
                <Typography>
                  {entry.action}: «{entry.articleTitle}», {entry.actor}, lúc {time(entry.occurredAt)}
                </Typography>
              </li>
            ))}
          </ul>
        </Box>
      ) : null}
    </Flex>
  );
}
