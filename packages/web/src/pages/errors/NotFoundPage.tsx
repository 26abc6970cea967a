/** 404 inside the application frame. */
import { NotFoundResult } from '../../components/ErrorResults';

export default function NotFoundPage() {
  return <NotFoundResult />;
}
