import { dismissNotice, useSessionStore, type Notice } from '../store/sessionStore';

/** Messages about imports, limits and storage. Errors are announced assertively. */
export function NoticeArea() {
  const notices = useSessionStore((state) => state.notices);
  return (
    <div className="notice-area" aria-live="polite" data-testid="notice-area">
      {notices.map((notice) => (
        <NoticeCard key={notice.id} notice={notice} />
      ))}
    </div>
  );
}

/** How many detail lines are shown before "…and N more" (long rejection lists stay readable). */
const MAX_DETAILS = 8;

function NoticeCard({ notice }: { notice: Notice }) {
  const shown = notice.details.slice(0, MAX_DETAILS);
  const more = notice.details.length - shown.length;
  return (
    <div className={`notice is-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'} data-testid="notice" data-tone={notice.tone}>
      <div className="notice-body">
        <p className="notice-title">{notice.title}</p>
        {shown.length > 0 ? (
          <ul className="notice-details">
            {shown.map((detail, index) => (
              <li key={index}>{detail}</li>
            ))}
            {more > 0 ? <li>…and {more} more</li> : null}
          </ul>
        ) : null}
      </div>
      <button type="button" className="icon-button notice-close" aria-label="Dismiss message" onClick={() => dismissNotice(notice.id)}>
        ×
      </button>
    </div>
  );
}
